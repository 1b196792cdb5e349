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
    let fresh = ALLOCATOR.allocated() - before;
    // A moment every slice of play (6 or 7 frames): the history is full after about
    // 3,500 frames.
    let full = held_after(&mut lab, HISTORY_STEPS * 8);
    assert!(lab.timeline().last >= HISTORY_STEPS - 1);
    let later = held_after(&mut lab, HISTORY_STEPS * 8);
    let held = full - before;
    println!("the lab holds {fresh} bytes fresh, {held} with a full timeline, {} after as long again", later - before);
    // Flat: as long again adds nothing but the trace's and the marks' own bounded slack.
    assert!(later <= full + full / 20, "grew from {full} to {later}");
    // And as the timeline's note says: about MOMENT_BYTES a moment (its state, its
    // counts and its share of the trace).
    let per_moment = (held - fresh) as f64 / (lab.timeline().last + 1) as f64;
    let said = vrest::lab::marks::MOMENT_BYTES as f64;
    assert!((0.75 * said..=1.25 * said).contains(&per_moment), "{per_moment} bytes a moment, said {said}");
}
