//! Benchmark support: a seeded corpus generator that writes a whole raport
//! site (`corpus`, `data`) and the same briefs as a Hugo site (`hugo`), and
//! the floor pass (`floor`) that builds are compared with. The driver that
//! times builds is this crate's binary (`src/main.rs`); see
//! docs/performance.md. It lives outside the `raport` crate so that
//! installing raport compiles none of it.

pub mod corpus;
pub mod data;
pub mod floor;
pub mod hugo;
pub mod prose;
