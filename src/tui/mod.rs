//! The scoring workbench: a keyboard-driven terminal interface over the
//! rubric and scoring cores.

pub mod action;
pub mod ambiguous;
pub mod app;
pub mod describe;
pub mod i18n;
pub mod key;
pub mod keymap;
pub mod review;
pub mod stages;
pub mod terminal;
pub mod text;
pub mod views;
pub mod workbench;
pub mod wrap;
