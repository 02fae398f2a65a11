package formats_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planview/formats"
	"planview/loader"
)

// BenchmarkLoadFolder loads one folder of plans as .txt and the same plans
// in another format, each file converted and parsed as the loader will:
//
//	PLANVIEW_FORMATS_CORPUS=DIR go test ./formats -run '^$' -bench LoadFolder
//
// DIR holds sub-folders txt/, and docx/ (or html/, pdf/) with the same
// plans (docs/formats.md says how the figures there were made). Without
// the variable the benchmark uses the fixtures.
func BenchmarkLoadFolder(b *testing.B) {
	dir := os.Getenv("PLANVIEW_FORMATS_CORPUS")
	sets := map[string][]string{}
	if dir == "" {
		for _, ext := range allFormats {
			for _, p := range plans {
				sets[ext[1:]] = append(sets[ext[1:]], filepath.Join(fixtures, p+ext))
			}
		}
	} else {
		for _, sub := range []string{"txt", "docx", "html", "pdf"} {
			files, _ := filepath.Glob(filepath.Join(dir, sub, "*."+sub))
			if len(files) > 0 {
				sets[sub] = files
			}
		}
	}
	for _, kind := range []string{"txt", "docx", "html", "pdf"} {
		files := sets[kind]
		if len(files) == 0 {
			continue
		}
		var data [][]byte
		size := 0
		for _, f := range files {
			d, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			data = append(data, d)
			size += len(d)
		}
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(int64(size))
			text := 0
			for b.Loop() {
				text = 0
				for i, d := range data {
					name := files[i]
					if !strings.HasSuffix(name, ".txt") {
						var err error
						if d, err = formats.Convert(name, d); err != nil {
							b.Fatal(err)
						}
					}
					text += len(d)
					if _, err := loader.Parse(name, bytes.NewReader(d)); err != nil && !strings.Contains(err.Error(), "warning") {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(files)), "files")
			b.ReportMetric(float64(text)/1e6, "MB-text")
		})
	}
}
