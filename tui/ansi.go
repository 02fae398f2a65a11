package tui

import "github.com/charmbracelet/x/ansi"

// stripANSI removes escape sequences (our own colours) from s.
func stripANSI(s string) string { return ansi.Strip(s) }
