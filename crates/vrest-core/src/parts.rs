//! The parts a cell may have or not (the pumps, the gated channels, the transporters,
//! the Q10s), each defined once: its key in a scenario, whether a cell has it, how it
//! is taken from another cell; and for the transporters besides the Na⁺/K⁺ pump, the
//! ions one cycle carries and its strength. The scenario's reading (which keys take
//! `null`, what a patch merges over), its check of the ions a transporter needs, the
//! lab's picture and its crossings, and the page's words all follow from these, through
//! `match`es the compiler checks for every variant.

use crate::constants::{CALCIUM_NAME, CHLORIDE_NAME, POTASSIUM_NAME, PROTON_NAME, SODIUM_NAME};
use crate::types::Scenario;

/// One enum, its list and its keys, from one line per part.
macro_rules! parts {
    ($($(#[$doc:meta])* $variant:ident = $key:literal,)*) => {
        /// A part a cell may have or not; `null` in a scenario is "none".
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Part {
            $($(#[$doc])* $variant,)*
        }

        impl Part {
            /// Every part, in the scenario's order.
            pub const ALL: &'static [Part] = &[$(Part::$variant,)*];

            /// Its key in a scenario.
            pub fn key(self) -> &'static str {
                match self {
                    $(Part::$variant => $key,)*
                }
            }
        }
    };
}

parts! {
    /// The Na⁺/K⁺-ATPase.
    Pump = "pump",
    /// Traub–Miles' voltage-gated Na⁺ and K⁺ channels.
    Gates = "gates",
    /// Noble's (1962) pacemaking channels.
    Noble = "noble",
    /// The K⁺–Cl⁻ cotransporter.
    Kcc2 = "kcc2",
    /// The Na⁺/Ca²⁺ exchanger.
    Ncx = "ncx",
    /// The plant H⁺-ATPase.
    ProtonPump = "proton_pump",
    /// The K⁺/H⁺ exchanger.
    KhExchanger = "kh_exchanger",
    /// The temperature factors.
    Q10 = "q10",
}

impl Part {
    /// The part with this scenario key.
    pub fn from_key(key: &str) -> Option<Part> {
        Part::ALL.iter().copied().find(|p| p.key() == key)
    }

    /// Whether `s` has it.
    pub fn present_in(self, s: &Scenario) -> bool {
        match self {
            Part::Pump => s.pump.is_some(),
            Part::Gates => s.gates.is_some(),
            Part::Noble => s.noble.is_some(),
            Part::Kcc2 => s.kcc2.is_some(),
            Part::Ncx => s.ncx.is_some(),
            Part::ProtonPump => s.proton_pump.is_some(),
            Part::KhExchanger => s.kh_exchanger.is_some(),
            Part::Q10 => s.q10.is_some(),
        }
    }

    /// `s` with this part as `from` has it (removed where `from` has none).
    pub fn copy(self, s: &mut Scenario, from: &Scenario) {
        match self {
            Part::Pump => s.pump = from.pump,
            Part::Gates => s.gates = from.gates,
            Part::Noble => s.noble = from.noble,
            Part::Kcc2 => s.kcc2 = from.kcc2,
            Part::Ncx => s.ncx = from.ncx,
            Part::ProtonPump => s.proton_pump = from.proton_pump,
            Part::KhExchanger => s.kh_exchanger = from.kh_exchanger,
            Part::Q10 => s.q10 = from.q10,
        }
    }
}

/// One ion a transporter's cycle carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carried {
    /// The ion's name in the scenario, and the charge it must have there.
    pub ion: &'static str,
    pub charge: i32,
    /// How many one cycle moves.
    pub count: u8,
    /// Whether a forward cycle moves it out of the cell.
    pub outward: bool,
}

const fn carried(ion: &'static str, charge: i32, count: u8, outward: bool) -> Carried {
    Carried { ion, charge, count, outward }
}

/// The transporters besides the Na⁺/K⁺ pump (which has its own protein in the picture).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transporter {
    Kcc2,
    Ncx,
    ProtonPump,
    KhExchanger,
}

impl Transporter {
    /// Every one, in the picture's order.
    pub const ALL: [Transporter; 4] =
        [Transporter::Kcc2, Transporter::Ncx, Transporter::ProtonPump, Transporter::KhExchanger];

    /// Its place in [`Transporter::ALL`].
    pub fn index(self) -> usize {
        match self {
            Transporter::Kcc2 => 0,
            Transporter::Ncx => 1,
            Transporter::ProtonPump => 2,
            Transporter::KhExchanger => 3,
        }
    }

    /// The scenario's part it is.
    pub fn part(self) -> Part {
        match self {
            Transporter::Kcc2 => Part::Kcc2,
            Transporter::Ncx => Part::Ncx,
            Transporter::ProtonPump => Part::ProtonPump,
            Transporter::KhExchanger => Part::KhExchanger,
        }
    }

    /// What one forward cycle carries: KCC2 one K⁺ and one Cl⁻ out (Wei, Ullah &
    /// Schiff 2014); NCX three Na⁺ in for one Ca²⁺ out (Luo & Rudy 1994); the H⁺-ATPase
    /// one H⁺ out; the K⁺/H⁺ exchanger one K⁺ out for one H⁺ in. The scenario refuses a
    /// cell that has the transporter without these ions at these charges.
    pub fn cycle(self) -> &'static [Carried] {
        const KCC2: [Carried; 2] = [carried(POTASSIUM_NAME, 1, 1, true), carried(CHLORIDE_NAME, -1, 1, true)];
        const NCX: [Carried; 2] = [carried(SODIUM_NAME, 1, 3, false), carried(CALCIUM_NAME, 2, 1, true)];
        const PROTON_PUMP: [Carried; 1] = [carried(PROTON_NAME, 1, 1, true)];
        const KH: [Carried; 2] = [carried(POTASSIUM_NAME, 1, 1, true), carried(PROTON_NAME, 1, 1, false)];
        match self {
            Transporter::Kcc2 => &KCC2,
            Transporter::Ncx => &NCX,
            Transporter::ProtonPump => &PROTON_PUMP,
            Transporter::KhExchanger => &KH,
        }
    }

    /// Ions moved by one cycle, all kinds together.
    pub fn ions_per_cycle(self) -> f64 {
        self.cycle().iter().map(|c| f64::from(c.count)).sum()
    }

    /// Its strength in `s` (a rate or a maximal current), or None without it.
    pub fn strength(self, s: &Scenario) -> Option<f64> {
        match self {
            Transporter::Kcc2 => s.kcc2.map(|t| t.rate_mm_per_s),
            Transporter::Ncx => s.ncx.map(|t| t.max_current_ua_per_cm2),
            Transporter::ProtonPump => s.proton_pump.map(|t| t.max_current_ua_per_cm2),
            Transporter::KhExchanger => s.kh_exchanger.map(|t| t.rate_mm_per_s),
        }
    }

    /// The ions it needs, by name and charge.
    pub fn needs(self) -> Vec<(&'static str, i32)> {
        self.cycle().iter().map(|c| (c.ion, c.charge)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_listed_once_with_its_own_key() {
        for (i, p) in Part::ALL.iter().enumerate() {
            assert_eq!(Part::from_key(p.key()), Some(*p));
            assert!(!Part::ALL[..i].iter().any(|q| q.key() == p.key()));
        }
    }

    #[test]
    fn every_transporter_sits_at_its_index_and_is_a_part() {
        for (i, t) in Transporter::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert!(Part::ALL.contains(&t.part()));
        }
    }

    #[test]
    fn the_cycles_carry_the_published_charges() {
        // Net charge out per forward cycle: KCC2 and the K⁺/H⁺ exchanger are
        // electroneutral; NCX brings one charge in (3·(+1) in, +2 out); the H⁺-ATPase
        // takes one out.
        let net_out = |t: Transporter| -> i32 {
            t.cycle().iter().map(|c| c.charge * i32::from(c.count) * if c.outward { 1 } else { -1 }).sum()
        };
        assert_eq!(net_out(Transporter::Kcc2), 0);
        assert_eq!(net_out(Transporter::KhExchanger), 0);
        assert_eq!(net_out(Transporter::Ncx), -1);
        assert_eq!(net_out(Transporter::ProtonPump), 1);
        // The picture's NCX moves as many Na⁺ as the model's does.
        let na = Transporter::Ncx.cycle().iter().find(|c| c.ion == SODIUM_NAME).map(|c| f64::from(c.count));
        assert_eq!(na, Some(crate::constants::NCX_NA_PER_CYCLE));
    }
}
