package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"

	"planview/internal/gcpause"
)

func forcedGCs() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// While a folder loads the collector is held back, and GOGC comes back
// after; a load of over collectAfter bytes collects once at its end, a
// smaller one does not.
func TestHoldCollector(t *testing.T) {
	p0 := debug.SetGCPercent(100)
	defer debug.SetGCPercent(p0)
	para := strings.Repeat("到2025年，全县养老机构护理型床位占比不低于50%。", 200) + "\n\n"
	big := "第一章 总则\n\n" + strings.Repeat(para, 120) // about 1.1 MB
	for _, c := range []struct {
		files   int
		text    string
		collect bool
	}{{3, big, true}, {1, big, false}, {5, para, false}} {
		dir := t.TempDir()
		for i := range c.files {
			if err := os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".txt"), []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		before := forcedGCs()
		done := holdCollector([]string{dir})
		if gcpause.Percent() <= 100 {
			t.Errorf("%d files: the collector is not held back (GOGC %d)", c.files, gcpause.Percent())
		}
		done()
		if gcpause.Percent() != 100 {
			t.Errorf("%d files: GOGC %d after the load, want 100", c.files, gcpause.Percent())
		}
		if got := forcedGCs() - before; (got > 0) != c.collect {
			t.Errorf("%d files of %d bytes: %d collections forced, want one: %v", c.files, len(c.text), got, c.collect)
		}
	}
}
