package pdf

import "planview/formats/internal/plantext"

// readText is Read, then the plan text (what formats.Convert gives).
func readText(name string, data []byte) ([]byte, error) { return plantext.Text(Read(name, data)) }
