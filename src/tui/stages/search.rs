//! The search popup's keys: the arrows choose, Tab widens to the whole
//! rubric, Enter goes to the district or item chosen; the hits follow the
//! query as it is typed.

use super::Reply;
use super::main_stage::MainStage;
use super::overlay::Overlay;
use crate::tui::action::Action;

/// The hits for the query as it stands: the district names, then items.
pub(super) fn refresh_search(main: &mut MainStage) {
    if let Overlay::Search(s) = &mut main.overlay {
        let index = if s.all { &main.all } else { &main.mine };
        s.hits = index.search(s.query.text());
        s.places = main.places.search(s.query.text());
        s.cursor = 0;
    }
}

/// A bound key in the search popup.
pub fn search_action(main: &mut MainStage, action: Action) -> Reply {
    let Overlay::Search(s) = &mut main.overlay else {
        return Reply::none();
    };
    let last = s.len().saturating_sub(1);
    match action {
        Action::Up => s.cursor = s.cursor.saturating_sub(1),
        Action::Down => s.cursor = (s.cursor + 1).min(last),
        Action::PageUp => s.cursor = s.cursor.saturating_sub(10),
        Action::PageDown => s.cursor = (s.cursor + 10).min(last),
        Action::ToggleScope => {
            s.all = !s.all;
            refresh_search(main);
        }
        Action::Cancel => main.overlay = Overlay::None,
        Action::Confirm => {
            let place = s.places.get(s.cursor).map(|h| h.index);
            let chosen = s
                .hits
                .get(s.cursor.wrapping_sub(s.places.len()))
                .map(|h| (h.index, s.all, h.detail.as_ref().map(|d| d.text.clone())));
            main.overlay = Overlay::None;
            match (place, chosen) {
                (Some(district), _) => main.go_to_district(district),
                (None, Some((index, all, line))) => main.jump(index, all, line.as_deref()),
                (None, None) => {}
            }
        }
        _ => {}
    }
    Reply::none()
}
