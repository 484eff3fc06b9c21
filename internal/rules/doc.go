// Package rules is bgcheck's screening-rule engine: given what is known
// about one check (Input) it returns findings, a recommendation and the
// re-check dates (Result). It implements the aviation guidance's ID and CV
// check (§2.3), the residence-country rule for criminal records (§2.4,
// §4), the repetition rules, the aviation cards (§5, §8) and the other
// checks of DOMAIN §3 and §5. Every rule is a small function in ruleSet;
// its id names its tests (TestRule…) and its help texts in help/*.toml.
//
// The package is pure: no I/O, no clock (the check date is part of the
// input), nothing but the standard library, so every result can be
// reproduced from its input. Results do not depend on the order of the
// input's lists.
//
// Where the guidance leaves room, the rules read it as follows:
//
//   - Periods include both their first and last day. The look-back window
//     runs from the check date minus five years to the day before the
//     check date; month arithmetic clamps to the month's end (29 February
//     minus five years is 28 February), which errs towards looking back
//     further and re-checking sooner.
//   - A gap is a run of days inside the window without work or study. 28
//     days or fewer need nothing; 29 or more must be explained and
//     documented. Ordinary annual leave is recognised only when declared
//     (GapExplanation with ReasonAnnualLeave) and counts up to
//     AnnualLeaveDaysPerYear days per calendar year; those days are left
//     out of the gap. Within an explained gap, up to 28 unexplained days
//     in total are tolerated, like a stand-alone gap. A gap at the start of
//     the window is reported as the CV not reaching back far enough.
//   - A CV entry is verified by income or pension rows from the same
//     employer (CVR number, else normalised name), a document of a
//     suitable kind linked to it, a complete employer-contact record or,
//     for an own business, a confident CVR-register role. Dates from these
//     sources may differ by PeriodToleranceDays; income for the last
//     IncomeReportingLagDays may not be reported yet.
//   - A residence country is one with a stay of at least six whole months
//     (1 January – 30 June qualifies, 2 January – 30 June does not),
//     back-to-back periods in one country joined, that overlaps the window;
//     the whole stay counts, also its part before the window.
//   - With a PreviousCheck that has not lapsed, only the time since then
//     needs fresh verification (the guidance's example: the repeat of a
//     1 July 2022 check effectively verifies 1 July 2022 – 30 June 2023).
//     The example names the repeat's five-year period as 1 July 2018 –
//     30 June 2022; the rules take 1 July 2018 – 30 June 2023, five years
//     back from the repeat, which the same sentence asks for.
//   - Foreign residents must apply for the yearly repeat eight weeks before
//     expiry; the expiry is taken as 12 months after the check date, since
//     the police's decision, which states the real date, is not an input.
//   - The recommendation is advice, never a decision (GDPR Art. 22).
package rules
