//go:build unix

package loader

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe among the plans (in a folder or named directly) is reported
// and skipped; the other plans load, and nothing waits for a writer.
func TestFIFONeverBlocks(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "p.txt"), 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	plan := "某县民政事业发展“十四五”规划\n\n第一章 总体要求\n\n　　加强养老服务。\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{{dir}, {filepath.Join(dir, "p.txt"), filepath.Join(dir, "a.txt")}} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			plans, errs := LoadPaths(paths)
			if len(plans) != 1 || plans[0].ID != "a" {
				t.Errorf("%v: loaded %d plans", paths, len(plans))
			}
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), "p.txt") || !strings.Contains(errs[0].Error(), "named pipe") {
				t.Errorf("%v: errors %v", paths, errs)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: loading blocked on a named pipe", paths)
		}
	}
	// A file that turns into a pipe after it was looked at: reading it
	// does not block either.
	done := make(chan error)
	go func() {
		_, err := readOSFile(nil, filepath.Join(dir, "p.txt"))
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("readOSFile on a pipe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("readOSFile blocked on a named pipe")
	}
}
