//! What tests and benchmarks need and the server never does (feature `testing`): throwaway
//! databases on both backends, a runtime shared by a test binary, and the generator of
//! synthetic districts.

pub mod counts;
pub mod generate;
pub mod scratch;

pub use counts::{RowCounts, STORED_TABLES};
pub use generate::{Generated, SyntheticLoad};
pub use scratch::{block_on, ScratchDatabase, TEST_POSTGRES_URL, TEST_TIME_LIMIT};
