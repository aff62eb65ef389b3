//! Every distinct (folded) char of the indexed texts becomes a class with its
//! readings. Entries store class ids, so the per-query work on pinyin is done
//! once per distinct char instead of once per char of every entry.

use pinyin::ToPinyinMulti;
use std::collections::HashMap;

/// One distinct char: what it is literally and every way it can be read.
#[derive(Debug, Clone)]
pub(crate) struct Class {
    pub glyph: char,
    /// Ids into [`Classes::readings`], most common reading first (the order of
    /// the pinyin data), without repeats.
    pub readings: Vec<u32>,
}

/// The classes of one index and the readings they use.
#[derive(Debug, Clone, Default)]
pub(crate) struct Classes {
    pub classes: Vec<Class>,
    /// Toneless pinyin, lower case ASCII.
    pub readings: Vec<String>,
    /// The BMP is where nearly every char lives; a flat table keeps the
    /// build of a 100k-entry index clear of hashing.
    bmp: Vec<u32>,
    others: HashMap<char, u32>,
    reading_ids: HashMap<String, u32>,
}

const NONE: u32 = u32::MAX;

impl Classes {
    pub fn new() -> Classes {
        Classes {
            bmp: vec![NONE; 0x1_0000],
            ..Classes::default()
        }
    }

    /// The class id of a folded char, creating the class on first sight.
    pub fn intern(&mut self, glyph: char) -> u32 {
        let code = u32::from(glyph);
        if let Some(&id) = usize::try_from(code).ok().and_then(|c| self.bmp.get(c))
            && id != NONE
        {
            return id;
        }
        if let Some(&id) = self.others.get(&glyph) {
            return id;
        }
        let readings = readings_of(glyph).into_iter().map(|r| self.reading_id(r)).collect();
        let id = u32::try_from(self.classes.len()).unwrap_or(NONE);
        self.classes.push(Class { glyph, readings });
        match usize::try_from(code).ok().and_then(|c| self.bmp.get_mut(c)) {
            Some(slot) => *slot = id,
            None => {
                self.others.insert(glyph, id);
            }
        }
        id
    }

    fn reading_id(&mut self, reading: String) -> u32 {
        if let Some(&id) = self.reading_ids.get(&reading) {
            return id;
        }
        let id = u32::try_from(self.readings.len()).unwrap_or(NONE);
        self.readings.push(reading.clone());
        self.reading_ids.insert(reading, id);
        id
    }

    /// The letters a char can begin a piece of a word with, as bits (a = 1):
    /// its own if it is one, and the first of each reading.
    pub fn letters(&self, class: &Class) -> u32 {
        let bit = |c: char| {
            if c.is_ascii_lowercase() {
                1u32 << (c as u32 - 'a' as u32)
            } else {
                0
            }
        };
        class
            .readings
            .iter()
            .filter_map(|&r| self.readings.get(r as usize).and_then(|s| s.chars().next()))
            .fold(bit(class.glyph), |m, c| m | bit(c))
    }

    /// The build-time lookup tables are not needed to search.
    pub fn shrink(&mut self) {
        self.bmp = Vec::new();
        self.others = HashMap::new();
        self.reading_ids = HashMap::new();
    }
}

/// Every toneless reading of a char. `ü` is typed `v` on pinyin keyboards
/// and `u` by people who never learnt that, so both are kept.
pub(crate) fn readings_of(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(multi) = c.to_pinyin_multi() else {
        return out;
    };
    for reading in multi {
        let plain = reading.plain();
        let forms = if plain.contains('ü') {
            vec![plain.replace('ü', "v"), plain.replace('ü', "u")]
        } else {
            vec![plain.to_string()]
        };
        for form in forms {
            if !form.is_empty() && !out.contains(&form) {
                out.push(form);
            }
        }
    }
    // Many speakers do not tell zh ch sh from z c s (平翘舌不分) and type
    // 质量 as ziliang, as input methods' 模糊音 allow: the flat forms come
    // last, so that they count as rare readings, taken only whole.
    let flat: Vec<String> = out
        .iter()
        .filter_map(|r| {
            ["zh", "ch", "sh"]
                .iter()
                .find(|p| r.starts_with(**p))
                .map(|_| format!("{}{}", &r[..1], &r[2..]))
        })
        .collect();
    for form in flat {
        if !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polyphonic_readings_primary_first() {
        assert_eq!(readings_of('行'), ["xing", "hang", "heng"]);
        assert_eq!(readings_of('绿'), ["lv", "lu"]);
        assert!(readings_of('a').is_empty());
    }

    #[test]
    fn interning_is_stable() {
        let mut classes = Classes::new();
        let a = classes.intern('行');
        let b = classes.intern('𠀀');
        assert_eq!(classes.intern('行'), a);
        assert_eq!(classes.intern('𠀀'), b);
        assert_ne!(a, b);
        assert_eq!(classes.classes[a as usize].readings.len(), 3);
    }
}
