//! Smart Mahalla's domain: the appeal and its codes, the forms and their checks, the legal
//! deadlines, the rules of the board and of each side action, the appeal's typed history
//! and the rule of each event, who may do what, and the types the storage returns. Pure
//! Rust — no Leptos, no SQL — so that the browser and the server share every rule.

pub mod code;
pub mod form;

pub mod access;
pub mod account;
pub mod actions;
pub mod announcements;
pub mod appeal;
pub mod audit;
pub mod board;
pub mod bodies;
pub mod change;
pub mod classification;
pub mod deadline;
pub mod filing;
pub mod history;
pub mod limits;
pub mod location;
pub mod mahalla;
pub mod metrics;
pub mod monitoring;
pub mod next_page;
pub mod person;
pub mod photos;
pub mod privacy;
pub mod related;
pub mod services;
pub mod submission;
pub mod thread;
pub mod tracking;
pub mod verdict;
pub mod work;
