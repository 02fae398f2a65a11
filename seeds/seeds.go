// Package seeds embeds the plans planview ships with: byte-identical copies
// of the five plans the project starts from. They are the default corpus when
// no path is given.
package seeds

import "embed"

//go:embed *.txt
var files embed.FS

// FS returns the embedded plans; every plan is a *.txt file at its root.
func FS() embed.FS { return files }
