package plugins

import (
	"encoding/gob"
	"net/http"
)

type PluginConfig struct {
	Name     string
	Settings map[string]interface{}
}

func Upload(w http.ResponseWriter, r *http.Request) {
	file, _, err := r.FormFile("config")
	if err != nil {
		http.Error(w, "config file required", http.StatusBadRequest)
		return
	}
	defer file.Close()
	var cfg PluginConfig
	if err := gob.NewDecoder(file).Decode(&cfg); err != nil {
		http.Error(w, "invalid config", http.StatusBadRequest)
		return
	}
	w.Write([]byte("installed " + cfg.Name))
}
