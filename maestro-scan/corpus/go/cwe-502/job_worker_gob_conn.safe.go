package worker

import (
	"encoding/gob"
	"encoding/json"
	"log"
	"net"
)

type Task interface {
	Run() error
}

type ShellTask struct{ Script string }
type EmailTask struct{ To, Subject string }

func (t ShellTask) Run() error { return nil }
func (t EmailTask) Run() error { return nil }

func init() {
	gob.Register(ShellTask{})
	gob.Register(EmailTask{})
}

func Serve(l net.Listener) {
	for {
		conn, err := l.Accept()
		if err != nil {
			continue
		}
		var task EmailTask
		if err := json.NewDecoder(conn).Decode(&task); err != nil {
			log.Printf("bad task: %v", err)
		} else if err := task.Run(); err != nil {
			log.Printf("task failed: %v", err)
		}
		conn.Close()
	}
}
