package rules

import "testing"

func TestRuleBusinessRoleUndisclosed(t *testing.T) {
	role := func(conf float64, from, to string) RegisterRole {
		return RegisterRole{ID: "r1", Company: "Vikingskib ApS", CVR: "55555555", Role: RoleDirector,
			Period: p(from, to), Confidence: conf}
	}
	tests := []struct {
		name     string
		reg      RegisterRole
		declared []BusinessRole
		acts     []Activity
		want     []string
	}{
		{"undeclared director", role(0.9, "2019-03-01", ""), nil, nil,
			[]string{"action_required CVR=55555555 Role=director From=2019-03-01 To= Confidence=90"}},
		{"declared", role(0.9, "2019-03-01", ""),
			[]BusinessRole{{ID: "b1", Company: "Vikingskib", CVR: "55555555", Role: RoleDirector}}, nil, nil},
		{"declared by name only", role(0.9, "2019-03-01", ""),
			[]BusinessRole{{ID: "b1", Company: "VIKINGSKIB APS", Role: RoleDirector}}, nil, nil},
		{"company declared with another role", role(0.9, "2019-03-01", ""),
			[]BusinessRole{{ID: "b1", Company: "Vikingskib", CVR: "55555555", Role: RoleBoardMember}}, nil,
			[]string{"warning Role=director"}},
		{"company named in the CV", role(0.9, "2019-03-01", ""), nil,
			[]Activity{job("j1", "2019-01-01", "", "Vikingskib ApS", "55555555")}, []string{"warning"}},
		{"possible match only", role(0.6, "2019-03-01", ""), nil, nil, []string{"info Confidence=60"}},
		{"too weak a match", role(0.49, "2019-03-01", ""), nil, nil, nil},
		{"ended before the window", role(0.95, "2010-01-01", "2017-06-30"), nil, nil, nil},
		{"ended inside the window", role(0.95, "2010-01-01", "2017-07-01"), nil, nil, []string{"action_required To=2017-07-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Package.Categories = []Category{CategoryBusinessRoles}
			in.Declared.BusinessRoles = tt.declared
			in.Declared.Activities = tt.acts
			in.Evidence.RegisterRoles = []RegisterRole{tt.reg}
			expect(t, findingsOf(t, in, RuleBusinessRoleUndisclosed), tt.want...)
		})
	}
	in := base("2022-07-01")
	in.Evidence.RegisterRoles = []RegisterRole{role(0.9, "2019-03-01", "")}
	expect(t, findingsOf(t, in, RuleBusinessRoleUndisclosed)) // category not in the package
}
