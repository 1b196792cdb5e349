//! The Share dialog's choices, in words: every control of the cell, grouped as on the
//! page, with whether a link would lock or hide it now and whether it is still the
//! preset's (the "not changed" rule), and the size of the iframe a course page gets.

use serde::Serialize;

use super::catalog::Catalog;
use super::words::PageSetup;
use crate::lab::{lock, Lab};

/// One control in the dialog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareControl {
    pub key: String,
    pub label: String,
    /// A link made now locks it / leaves it off the page (the lab's own locks).
    pub locked: bool,
    pub hidden: bool,
    /// Its value is still the preset's: the "Lock the controls I have not changed" rule.
    pub unchanged: bool,
    /// The boxes' accessible names: "Lock K⁺ outside (mM)", "Hide K⁺ outside (mM)".
    pub lock_label: String,
    pub hide_label: String,
}

/// A group of controls, headed as on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareGroup {
    /// Its stable name (`parts::group_key`) and its heading.
    pub key: String,
    pub name: String,
    /// The lock (and presentation) patterns that name the whole group.
    pub patterns: Vec<String>,
    /// Some control of it differs from the preset (presentation mode offers it ticked).
    pub changed: bool,
    pub controls: Vec<ShareControl>,
}

/// The iframe's width a teacher may choose (CSS px): its least, the course column's
/// usual 760, and its most.
pub const EMBED_WIDTH_PX: (u32, u32, u32) = (320, 760, 1600);

/// The iframe's height for a width: the compact layout (the scene, V, the trace, the
/// time controls and the controls beside them) fits without a scroll inside it from
/// 760 × 700 (measured in Chromium), taller in proportion for wider frames, never
/// below 600.
pub fn embed_height_px(width_px: u32) -> u32 {
    let w = width_px.clamp(EMBED_WIDTH_PX.0, EMBED_WIDTH_PX.2);
    (w * 92 / 100).max(600)
}

/// The controls of the cell in the page's groups, in the page's order.
pub fn share_groups(lab: &Lab, catalog: &Catalog) -> Vec<ShareGroup> {
    let setup = PageSetup::new(lab, catalog);
    let (locks, hidden) = lab.locks();
    let unchanged = lab.unchanged_controls();
    let mut groups: Vec<ShareGroup> = Vec::new();
    for c in setup.controls {
        let listed = |list: &[String]| list.iter().any(|p| lock::matches(p, &c.key));
        let control = ShareControl {
            locked: listed(locks),
            hidden: listed(hidden),
            unchanged: unchanged.contains(&c.key),
            lock_label: catalog.format("share-lock-one", &[("control", &c.label)]),
            hide_label: catalog.format("share-hide-one", &[("control", &c.label)]),
            label: c.label,
            key: c.key,
        };
        match groups.iter_mut().find(|g| g.key == c.group_key) {
            Some(g) => g.controls.push(control),
            None => groups.push(ShareGroup {
                key: c.group_key,
                name: c.group,
                patterns: Vec::new(),
                changed: false,
                controls: vec![control],
            }),
        }
    }
    for g in &mut groups {
        let keys: Vec<String> = g.controls.iter().map(|c| c.key.clone()).collect();
        g.patterns = crate::lab::parts::group_patterns(&g.key, &keys);
        g.changed = g.controls.iter().any(|c| !c.unchanged);
    }
    groups
}
