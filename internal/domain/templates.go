package domain

// Built-in package templates (DOMAIN §4). Organisations start with a copy
// of each; justifications are written for the typical position and should
// be adapted to the concrete one.
var PackageTemplates = []PackageDefinition{
	{
		Template: "id_check", Name: "ID-tjek", LookbackYears: 5, Retention: RetainApplicant,
		Categories: []PackageCategory{
			{Category: CatIdentity, Justification: "Identiteten skal være sikker, før ansættelse eller adgang gives."},
			{Category: CatIDDocument, Justification: "Billedlegitimation bekræfter, at personen er den, de udgiver sig for.", Documents: []DocumentKind{DocPassport}},
		},
	},
	{
		Template: "standard", Name: "Standardansættelse", LookbackYears: 5, Retention: RetainPersonnel,
		Categories: []PackageCategory{
			{Category: CatIdentity, Justification: "Identiteten skal være sikker, før ansættelse."},
			{Category: CatIDDocument, Justification: "Billedlegitimation bekræfter identiteten."},
			{Category: CatCV, Justification: "Tidligere ansættelser dokumenterer de erfaringer, stillingen kræver."},
			{Category: CatEducation, Justification: "Stillingen kræver den uddannelse, ansøgeren har oplyst."},
		},
	},
	{
		Template: "aviation_extended", Name: "Udvidet baggrundskontrol (luftfart)", LookbackYears: 5, RecurrenceMonths: 12, Retention: RetainAviation,
		Categories: []PackageCategory{
			{Category: CatIdentity, Justification: "Krævet af reglerne om baggrundskontrol af securitypersonale i luftfarten."},
			{Category: CatIDDocument, Justification: "ID-kontrol med billedlegitimation udstedt af en national myndighed er krævet af luftfartsreglerne.", Documents: []DocumentKind{DocPassport}},
			{Category: CatCV, Justification: "CV-kontrol af mindst de seneste 5 år er krævet af luftfartsreglerne; hver ansættelse skal verificeres."},
			{Category: CatEducation, Justification: "Uddannelse i kontrolperioden skal verificeres som en del af CV-kontrollen."},
			{Category: CatCriminalRecord, Justification: "Straffeattest fra alle bopælslande de seneste 5 år er krævet af luftfartsreglerne.", Documents: []DocumentKind{DocCriminalRecord}},
		},
	},
	{
		Template: "aviation_other", Name: "Anden integritetskontrol (luftfart)", LookbackYears: 5, RecurrenceMonths: 12, Retention: RetainAviation,
		Categories: []PackageCategory{
			{Category: CatIdentity, Justification: "Integritetskontrol efter luftfartsreglerne kræver sikker identitet."},
			{Category: CatIDDocument, Justification: "Billedlegitimation er krævet ved integritetskontrol.", Documents: []DocumentKind{DocPassport}},
			{Category: CatCV, Justification: "CV og/eller referencer bekræfter integriteten efter luftfartsreglerne.", Documents: []DocumentKind{DocReference}},
		},
	},
	{
		Template: "driver", Name: "Chauffør", LookbackYears: 5, RecurrenceMonths: 12, Retention: RetainPersonnel,
		Categories: []PackageCategory{
			{Category: CatIdentity, Justification: "Identiteten skal være sikker, før køretøjer overdrages."},
			{Category: CatIDDocument, Justification: "Billedlegitimation bekræfter identiteten."},
			{Category: CatDrivingLicence, Justification: "Stillingen består i at føre køretøj; kørekortet skal være gyldigt i de rette kategorier.", Documents: []DocumentKind{DocDrivingLicence}},
		},
	},
	{
		Template: "critical_infrastructure", Name: "Kritisk infrastruktur (NIS2/CER)", LookbackYears: 5, RecurrenceMonths: 24, Retention: RetainPersonnel,
		Categories: []PackageCategory{
			{Category: CatIdentity, Justification: "Stillingen giver adgang til kritiske systemer; identiteten skal være sikker."},
			{Category: CatIDDocument, Justification: "Billedlegitimation bekræfter identiteten."},
			{Category: CatCV, Justification: "Tidligere ansættelser skal kunne redegøres for i en følsom stilling."},
			{Category: CatCriminalRecord, Justification: "Stillingen er følsom efter NIS2/CER; strafbare forhold kan være uforenelige med den.", Documents: []DocumentKind{DocCriminalRecord}},
			{Category: CatBusinessRoles, Justification: "Interessekonflikter i en følsom stilling skal afdækkes."},
		},
	},
	{
		Template: "trusted_finance", Name: "Betroet stilling (økonomi)", Position: "Bogholder", ParticularlyTrusted: true, LookbackYears: 5, Retention: RetainPersonnel,
		Categories: []PackageCategory{
			{Category: CatIdentity, Justification: "Identiteten skal være sikker i en særligt betroet stilling."},
			{Category: CatIDDocument, Justification: "Billedlegitimation bekræfter identiteten."},
			{Category: CatCV, Justification: "Tidligere ansættelser skal dokumenteres i en betroet stilling."},
			{Category: CatBusinessRoles, Justification: "Interessekonflikter i forhold til virksomhedens økonomi skal afdækkes."},
			{Category: CatCredit, Justification: "Stillingen er særligt betroet med adgang til virksomhedens midler."},
		},
	},
	{
		Template: "child_contact", Name: "Arbejde med børn", LookbackYears: 5, Retention: RetainPersonnel,
		Categories: []PackageCategory{
			{Category: CatIdentity, Justification: "Identiteten skal være sikker, før der gives kontakt med børn."},
			{Category: CatIDDocument, Justification: "Billedlegitimation bekræfter identiteten."},
			{Category: CatCV, Justification: "Tidligere ansættelser dokumenterer erfaring med arbejdet."},
			{Category: CatChildCertificate, Justification: "Børneattest er lovpligtig ved arbejde med børn under 15 år.", Documents: []DocumentKind{DocChildCertificate}},
		},
	},
}
