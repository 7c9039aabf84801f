//! Staff administration (`/admin/staff`): administrators create, edit and deactivate
//! inspectors, mahalla chairs and administrators, and assign their mahallas.

mod api;
mod page;

pub use api::{load_staff, save_staff, StaffDirectory};
pub use page::StaffPage;
