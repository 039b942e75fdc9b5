package wizard

import (
	"bytes"
	"encoding/base64"
	"encoding/gob"
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
	var steps []Step
	if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&steps); err != nil {
		http.Error(w, "bad state", http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "resuming %d steps\n", len(steps))
}
