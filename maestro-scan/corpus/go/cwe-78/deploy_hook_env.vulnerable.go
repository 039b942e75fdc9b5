package deploy

import (
	"context"
	"log"
	"os"
	"os/exec"
	"time"
)

var hooks = map[string]string{
	"reload-nginx": "/usr/local/bin/reload-nginx",
	"warm-cache":   "/usr/local/bin/warm-cache",
}

func RunPostDeployHook(ctx context.Context) error {
	hook := os.Getenv("POST_DEPLOY_HOOK")
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", hook)
	out, err := cmd.CombinedOutput()
	log.Printf("hook output: %s", out)
	return err
}
