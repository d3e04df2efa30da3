//! ipasn's services: the work behind a request that is more than a read or a write.
//!
//! - [`impor`]: the import service. An upload becomes a package (`ipasn_data`), the package a
//!   snapshot (`ipasn_core::snapshot`, pure), the snapshot a transaction (`ipasn_store`) — with
//!   progress, a heartbeat and cancellation. The pages, the API and `ipasn impor` all run it.
//! - [`tugas`]: background jobs of this process, which a graceful shutdown waits for.
#![warn(missing_docs)]

pub mod impor;
pub mod tugas;
