//! The hash maps of hot lookups: a merge's per-cell maps (district names,
//! item ids, looked up a million times) and the search's memo of rendered
//! words. foldhash, not the standard SipHash: these keys are a rubric's own
//! or fields of files whose signatures already checked, so SipHash's defence
//! against chosen keys buys nothing, and it cost a quarter of a national-scale
//! verification.

pub type FastMap<K, V> = foldhash::HashMap<K, V>;
pub type FastSet<K> = foldhash::HashSet<K>;
