package main

import (
	"reflect"
	"testing"
)

func TestSplitQuery(t *testing.T) {
	tests := []struct {
		in   string
		want []queryTerm
	}{
		{"election", []queryTerm{{text: "election"}}},
		{"bank  stated", []queryTerm{{text: "bank"}, {text: "stated"}}},
		{`"prime minister"`, []queryTerm{{text: "prime minister", phrase: true}}},
		{`elect* "local time" x`, []queryTerm{{text: "elect", prefix: true}, {text: "local time", phrase: true}, {text: "x"}}},
		{`"unclosed phrase`, []queryTerm{{text: "unclosed phrase", phrase: true}}},
		{`* "" "`, nil},
	}
	for _, tt := range tests {
		if got := splitQuery(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitQuery(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
