//! The directory of competent bodies an appeal can be forwarded to (district police, social
//! services, the hokimiyat, others), per district. Administrators edit it at
//! `/admin/bodies`; the board's forwarding dialog picks from it.

mod api;
mod page;

pub use api::{load_bodies, save_body};
pub use page::BodiesPage;
