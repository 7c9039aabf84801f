//! The audit log: who saw a citizen's personal data or changed something, when, and from
//! which address — written by the server with what it records, read by administrators
//! (`/admin/audit`).

mod api;
mod page;

pub use api::audit_log;
pub use page::AuditPage;
