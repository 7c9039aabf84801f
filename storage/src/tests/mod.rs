//! Storage tests, each run on SQLite and on a real PostgreSQL (`SM_TEST_POSTGRES_URL`).

mod fixtures;
mod support;

mod accounts;
mod actions;
mod announce;
mod announcements;
mod atomicity;
mod audit;
mod board;
mod counts;
mod demo;
mod filing;
mod history;
mod integrity;
mod limits;
mod migration;
mod monitoring;
mod moves;
mod once;
mod opening;
mod privacy;
mod related;
mod sessions;
mod verdicts;
mod writer;
