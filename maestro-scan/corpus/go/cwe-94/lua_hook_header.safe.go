package gateway

import (
	"net/http"

	lua "github.com/yuin/gopher-lua"
)

func ApplyHook(w http.ResponseWriter, r *http.Request) {
	script := r.Header.Get("X-Transform")
	L := lua.NewState()
	defer L.Close()
	L.SetGlobal("path", lua.LString(r.URL.Path))
	L.SetGlobal("suffix", lua.LString(script))
	if err := L.DoString(`path = path .. "/" .. suffix`); err != nil {
		http.Error(w, "transform failed", http.StatusBadRequest)
		return
	}
	w.Write([]byte(L.GetGlobal("path").String()))
}
