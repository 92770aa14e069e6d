//! `accord index` and the index life-cycle.
