// Package tui is planview's terminal browser: a Bubble Tea program with a
// plans pane and an outline pane in a sidebar, a reader, a status line and
// a key line. See model.go for the root model and /work/notes/tui-api.md
// for the search pane's hooks.
package tui
