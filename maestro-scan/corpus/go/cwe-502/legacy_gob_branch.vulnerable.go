package events

import (
	"encoding/gob"
	"encoding/json"
	"net/http"
)

type Event struct {
	Kind    string
	Payload interface{}
}

const acceptLegacyGob = true

func Ingest(w http.ResponseWriter, r *http.Request) {
	var ev Event
	var err error
	if acceptLegacyGob && r.Header.Get("Content-Type") == "application/x-gob" {
		err = gob.NewDecoder(r.Body).Decode(&ev)
	} else {
		err = json.NewDecoder(r.Body).Decode(&ev)
	}
	if err != nil {
		http.Error(w, "cannot decode event", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
