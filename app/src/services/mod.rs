//! The catalogue of public services (social benefits, disability certificates, legal advice,
//! utility connections, the inspector's reception hours): `/services`, where anyone finds a
//! service and files an appeal about it, and `/admin/services`, where administrators keep the
//! catalogue of their district.

mod admin;
mod api;
mod page;

pub use admin::ServicesAdminPage;
pub use api::{load_services, save_service};
pub use page::ServicesPage;
