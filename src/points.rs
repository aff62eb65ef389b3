//! How points are written for people, in every screen, report and message:
//! `2.5`, `26.25`, `5` (never `5.00`), and a range as `0..5` or `..-3`.

use rust_decimal::Decimal;

/// A decimal as people write points: trailing zeros dropped.
pub fn shown(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The range a score may take: `0..5`, or `..0` when there is no lower end.
pub fn range(min: Option<Decimal>, max: Decimal) -> String {
    match min {
        Some(min) => format!("{}..{}", shown(min), shown(max)),
        None => format!("..{}", shown(max)),
    }
}
