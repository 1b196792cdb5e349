//! The timeline's memory is bounded: however long the lab plays, the heap it holds stops
//! growing once HISTORY_STEPS moments are kept (measured by a counting allocator, in a
//! test binary of its own so no other test allocates beside it).

#![cfg(not(target_arch = "wasm32"))] // native tier
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::alloc::System;

use cap::Cap;
use vrest::lab::{Command, Lab, HISTORY_STEPS};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// What the lab holds on the heap after `frames` more frames of play.
fn held_after(lab: &mut Lab, frames: usize) -> usize {
    for _ in 0..frames {
        lab.frame(1.0 / 60.0);
    }
    ALLOCATOR.allocated()
}

#[test]
fn a_long_play_holds_a_bounded_history() {
    let before = ALLOCATOR.allocated();
    let mut lab = Lab::new(7).unwrap();
    lab.apply(&Command::LoadPreset { preset: "excitable-neuron".into() }).unwrap();
    lab.apply(&Command::SetSpeed { index: 4 }).unwrap();
    lab.apply(&Command::Play).unwrap();
    // A moment every slice of play (6 or 7 frames): the history is full after about
    // 3,500 frames.
    let full = held_after(&mut lab, HISTORY_STEPS * 8);
    assert!(lab.timeline().last >= HISTORY_STEPS - 1);
    let later = held_after(&mut lab, HISTORY_STEPS * 8);
    let held = full - before;
    println!("the lab with a full timeline holds {held} bytes; after as long again {}", later - before);
    // Flat: as long again adds nothing but the trace's and the marks' own bounded slack.
    assert!(later <= full + full / 20, "grew from {full} to {later}");
    // And small: a moment is one Membrane (a few hundred bytes) and its counts.
    assert!(held < 4_000_000, "{held} bytes");
}
