package wizard

import (
	"encoding/base64"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"net/http"
)

type Step interface{ Title() string }

type AddressStep struct{ Street string }

func (a AddressStep) Title() string { return "Address" }

func init() { gob.Register(AddressStep{}) }

func Resume(w http.ResponseWriter, r *http.Request) {
	raw, err := base64.StdEncoding.DecodeString(r.Header.Get("X-Wizard-State"))
	if err != nil {
		http.Error(w, "bad state", http.StatusBadRequest)
		return
	}
	var steps []AddressStep
	if err := json.Unmarshal(raw, &steps); err != nil {
		http.Error(w, "bad state", http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "resuming %d steps\n", len(steps))
}
