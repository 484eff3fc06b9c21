package rules

// Version identifies the rule set. Every Result carries it; change it
// whenever a rule's behaviour changes, so stored analyses show which rules
// produced them.
const Version = "2026.11.2"

// Rule ids. They are stable: stored findings, resolutions and the help
// texts (rule.<id>.title, rule.<id>.help) refer to them.
const (
	RuleInputInvalid                = "input_invalid"
	RulePeriodInvalid               = "period_invalid"
	RuleDateInFuture                = "date_in_future"
	RuleOverlappingPeriods          = "overlapping_periods"
	RuleCVCoverageIncomplete        = "cv_coverage_incomplete"
	RuleGapUnexplained              = "gap_unexplained"
	RuleGapUndocumented             = "gap_undocumented"
	RuleGapDocumented               = "gap_documented"
	RuleActivityUnverified          = "activity_unverified"
	RuleActivityPeriodDiffers       = "activity_period_differs"
	RuleEmployerContactIncomplete   = "employer_contact_incomplete"
	RuleIncomeEmployerUndeclared    = "income_employer_undeclared"
	RuleIDDocumentMissing           = "id_document_missing"
	RuleIDDocumentExpired           = "id_document_expired"
	RuleIDDocumentAlternative       = "id_document_alternative"
	RuleIDDocumentNameMismatch      = "id_document_name_mismatch"
	RuleNameMismatch                = "name_mismatch"
	RuleCPRAddressMismatch          = "cpr_address_mismatch"
	RuleCPRStatusNotActive          = "cpr_status_not_active"
	RuleResidencePermitMissing      = "residence_permit_missing"
	RulePermitExpired               = "permit_expired"
	RulePermitExpiring              = "permit_expiring"
	RuleResidenceHistoryIncomplete  = "residence_history_incomplete"
	RuleCriminalRecordViaPolice     = "criminal_record_via_police"
	RuleCriminalRecordThirdCountry  = "criminal_record_third_country"
	RuleCriminalRecordMissing       = "criminal_record_missing"
	RuleCriminalRecordUnobtainable  = "criminal_record_unobtainable"
	RuleCriminalRecordHasEntries    = "criminal_record_has_entries"
	RuleCriminalRecordOutdated      = "criminal_record_outdated"
	RuleChildCertificateMissing     = "child_certificate_missing"
	RuleCertificateIdentityMismatch = "certificate_identity_mismatch"
	RuleCertificateTamperingSigns   = "certificate_tampering_signs"
	RuleCertificateUnreadable       = "certificate_unreadable"
	RuleForeignResidentYearly       = "foreign_resident_yearly"
	RuleBusinessRoleUndisclosed     = "business_role_undisclosed"
	RuleDrivingLicenceMissing       = "driving_licence_missing"
	RuleDrivingLicenceExpired       = "driving_licence_expired"
	RuleDrivingLicenceExpiring      = "driving_licence_expiring"
	RuleLicenceCategoryMissing      = "licence_category_missing"
	RuleCreditCheckNotJustified     = "credit_check_not_justified"
	RuleCreditPositionDoubtful      = "credit_position_doubtful"
	RuleCreditRemarks               = "credit_remarks"
	RuleRecheckDue                  = "recheck_due"
	RuleRecheckOverdue              = "recheck_overdue"
	RuleGuestCardLimitExceeded      = "guest_card_limit_exceeded"
	RuleAirportCardValidityTooLong  = "airport_card_validity_too_long"
	RuleAirportCardHolderNotPassing = "airport_card_holder_not_passing"
	RulePoliceApplicationReady      = "police_application_ready"
)

// RuleInfo describes a rule: its id and the Params its findings may carry
// (and its help texts may use).
type RuleInfo struct {
	ID     string
	Params []string
}

type rule struct {
	RuleInfo
	run func(*checkCtx) []Finding
}

// ruleSet is every rule in the order Evaluate runs them. The last ones
// look at the findings of the others.
var ruleSet = []rule{
	{RuleInfo{RulePeriodInvalid, []string{"Item", "Source", "From", "To"}}, rulePeriodInvalid},
	{RuleInfo{RuleDateInFuture, []string{"Item", "Field", "Date"}}, ruleDateInFuture},
	{RuleInfo{RuleOverlappingPeriods, []string{"Item", "OtherItem", "From", "To", "Days"}}, ruleOverlappingPeriods},
	{RuleInfo{RuleCVCoverageIncomplete, []string{"From", "To", "Days", "CoverageFrom"}}, ruleCVCoverageIncomplete},
	{RuleInfo{RuleGapUnexplained, []string{"From", "To", "Days", "UnexplainedDays"}}, ruleGapUnexplained},
	{RuleInfo{RuleGapUndocumented, []string{"From", "To", "Days"}}, ruleGapUndocumented},
	{RuleInfo{RuleGapDocumented, []string{"From", "To", "Days"}}, ruleGapDocumented},
	{RuleInfo{RuleActivityUnverified, []string{"Item", "Name", "From", "To"}}, ruleActivityUnverified},
	{RuleInfo{RuleActivityPeriodDiffers, []string{"Item", "Name", "From", "To", "Source", "SourceFrom", "SourceTo"}}, ruleActivityPeriodDiffers},
	{RuleInfo{RuleEmployerContactIncomplete, []string{"Item", "Name", "Missing"}}, ruleEmployerContactIncomplete},
	{RuleInfo{RuleIncomeEmployerUndeclared, []string{"Employer", "CVR", "From", "To"}}, ruleIncomeEmployerUndeclared},
	{RuleInfo{RuleIDDocumentMissing, []string{"AlternativeKinds"}}, ruleIDDocumentMissing},
	{RuleInfo{RuleIDDocumentExpired, []string{"Item", "Expiry"}}, ruleIDDocumentExpired},
	{RuleInfo{RuleIDDocumentAlternative, []string{"AlternativeKinds"}}, ruleIDDocumentAlternative},
	{RuleInfo{RuleIDDocumentNameMismatch, []string{"Item"}}, ruleIDDocumentNameMismatch},
	{RuleInfo{RuleNameMismatch, []string{"Source"}}, ruleNameMismatch},
	{RuleInfo{RuleCPRAddressMismatch, nil}, ruleCPRAddressMismatch},
	{RuleInfo{RuleCPRStatusNotActive, []string{"Status"}}, ruleCPRStatusNotActive},
	{RuleInfo{RuleResidencePermitMissing, []string{"Citizenships"}}, ruleResidencePermitMissing},
	{RuleInfo{RulePermitExpired, []string{"Item", "Expiry"}}, rulePermitExpired},
	{RuleInfo{RulePermitExpiring, []string{"Item", "Expiry", "Days"}}, rulePermitExpiring},
	{RuleInfo{RuleResidenceHistoryIncomplete, []string{"From", "To", "Days"}}, ruleResidenceHistoryIncomplete},
	{RuleInfo{RuleCriminalRecordViaPolice, []string{"Country", "From", "To"}}, ruleCriminalRecordViaPolice},
	{RuleInfo{RuleCriminalRecordThirdCountry, []string{"Country", "From", "To"}}, ruleCriminalRecordThirdCountry},
	{RuleInfo{RuleCriminalRecordMissing, []string{"Country", "From", "To"}}, ruleCriminalRecordMissing},
	{RuleInfo{RuleCriminalRecordUnobtainable, []string{"Country", "From", "To"}}, ruleCriminalRecordUnobtainable},
	{RuleInfo{RuleCriminalRecordHasEntries, []string{"Country"}}, ruleCriminalRecordHasEntries},
	{RuleInfo{RuleCriminalRecordOutdated, []string{"Country", "Issued", "MaxAgeDays"}}, ruleCriminalRecordOutdated},
	{RuleInfo{RuleCertificateIdentityMismatch, []string{"Country", "Mismatch"}}, ruleCertificateIdentityMismatch},
	{RuleInfo{RuleCertificateTamperingSigns, []string{"Country", "Edited", "Generator", "HiddenText", "Contradictory", "FutureDate", "Other", "Signs"}}, ruleCertificateTamperingSigns},
	{RuleInfo{RuleCertificateUnreadable, []string{"Country", "Reason", "Missing"}}, ruleCertificateUnreadable},
	{RuleInfo{RuleChildCertificateMissing, nil}, ruleChildCertificateMissing},
	{RuleInfo{RuleForeignResidentYearly, []string{"Country", "ApplyBy", "NextRecheck"}}, ruleForeignResidentYearly},
	{RuleInfo{RuleBusinessRoleUndisclosed, []string{"Company", "CVR", "Role", "From", "To", "Confidence"}}, ruleBusinessRoleUndisclosed},
	{RuleInfo{RuleDrivingLicenceMissing, nil}, ruleDrivingLicenceMissing},
	{RuleInfo{RuleDrivingLicenceExpired, []string{"Item", "Expiry", "Categories"}}, ruleDrivingLicenceExpired},
	{RuleInfo{RuleDrivingLicenceExpiring, []string{"Item", "Expiry", "Days", "Categories"}}, ruleDrivingLicenceExpiring},
	{RuleInfo{RuleLicenceCategoryMissing, []string{"Categories"}}, ruleLicenceCategoryMissing},
	{RuleInfo{RuleCreditCheckNotJustified, nil}, ruleCreditCheckNotJustified},
	{RuleInfo{RuleCreditPositionDoubtful, []string{"Position"}}, ruleCreditPositionDoubtful},
	{RuleInfo{RuleCreditRemarks, []string{"Date"}}, ruleCreditRemarks},
	{RuleInfo{RuleRecheckDue, []string{"NextRecheck", "ValidUntil", "CoverageFrom", "CoverageTo"}}, ruleRecheckDue},
	{RuleInfo{RuleRecheckOverdue, []string{"PreviousCheck", "DueBy"}}, ruleRecheckOverdue},
	{RuleInfo{RuleGuestCardLimitExceeded, []string{"From", "To", "Days"}}, ruleGuestCardLimitExceeded},
	{RuleInfo{RuleAirportCardValidityTooLong, []string{"Item", "Issued", "Expiry"}}, ruleAirportCardValidityTooLong},
	{RuleInfo{RuleAirportCardHolderNotPassing, []string{"Item", "Expiry"}}, ruleAirportCardHolderNotPassing},
	{RuleInfo{RulePoliceApplicationReady, nil}, rulePoliceApplicationReady},
}

// inputInvalidInfo describes the finding Evaluate returns instead of
// running the rules when the input is structurally wrong.
var inputInvalidInfo = RuleInfo{RuleInputInvalid, []string{"Field"}}

// Rules returns every rule Evaluate can report, in evaluation order,
// starting with input_invalid.
func Rules() []RuleInfo {
	out := []RuleInfo{inputInvalidInfo}
	for _, r := range ruleSet {
		out = append(out, r.RuleInfo)
	}
	return out
}
