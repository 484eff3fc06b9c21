package rules

// passing is an aviation check on 1 July 2022 that meets every
// requirement: one verified job over the whole window, a valid passport,
// Danish residence and matching names.
func passing() Input {
	in := base("2022-07-01")
	in.Declared.Name = "Lars Nielsen"
	in.Declared.Citizenships = []string{"DK"}
	in.Declared.Address = Address{Street: "Nørregade 12", PostalCode: "1165", City: "København K", Country: "DK"}
	in.Declared.Activities = []Activity{job("j1", "2012-08-01", "", "Nordhavn Logistik A/S", "12345678")}
	in.Declared.Residences = []Residence{res("r1", "DK", "1990-01-01", "")}
	in.Evidence.MitIDName = "Lars Peter Nielsen"
	in.Evidence.CPR = &CPRRecord{Name: "Lars Peter Nielsen", Status: CPRActive,
		Address: Address{Street: "Nørregade 12, 2. tv.", PostalCode: "1165", City: "København K"}}
	in.Evidence.Income = monthly("i", "NORDHAVN LOGISTIK A/S", "12345678", "2017-01-01", "2022-05-31")
	passport := photoID("d1", DocPassport, "2029-03-01")
	passport.HolderName = "LARS PETER NIELSEN"
	in.Evidence.Documents = []Document{passport}
	return in
}
