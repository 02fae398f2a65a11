package loader

import (
	"encoding/json"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"planview/internal/corpus"
)

// debrisPlan is a plan whose file is mostly what the loader drops: a table
// of contents, bookmarks, a Word table's tabs and blank lines, link spam.
func debrisPlan() string {
	var b strings.Builder
	b.WriteString("某某县民政事业发展“十四五”规划\n\n目  录\n")
	for i := 1; i <= 40; i++ {
		b.WriteString("第" + cnNum(i) + "章 目录条目……………………………… " + itoa(i) + "\n")
	}
	for i := 1; i <= 3; i++ {
		b.WriteString("[bookmark: _Toc" + itoa(i) + "][bookmark: _Toc9" + itoa(i) + "]第" + cnNum(i) + "章 发展基础\n\n")
		b.WriteString("\u3000\u3000到2025年，全县养老机构护理型床位占比达到55%。\n\n")
		b.WriteString("\t指标\n\n\t\t2020年\n\n\t\t2025年\n\n\t床位数\n\n\t\t100\n\n\t\t200\n\n\t占比\n\n\t\t30%\n\n\t\t55%\n\n")
	}
	for i := 0; i < 60; i++ {
		b.WriteString("友情链接 | 网站首页 | 关于我们 | 联系方式 | 网站地图 | 版权声明 | 帮助中心\n")
	}
	return b.String()
}

func cnNum(i int) string {
	return []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[min(i, 10)]
}

// A loaded plan keeps only the text it uses: the buffer the file was read
// into is freed while the plan lives, and compaction changes nothing in it.
func TestCompactFreesFile(t *testing.T) {
	text := debrisPlan()
	want, err := json.Marshal(build(clean(text)))
	if err != nil {
		t.Fatal(err)
	}
	var freed atomic.Bool
	load := func() any {
		b := make([]byte, len(text), len(text)+1)
		copy(b, text)
		runtime.SetFinalizer(&b[0], func(*byte) { freed.Store(true) })
		p, err := parseBytes("debris.txt", b)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := load()
	for i := 0; i < 10 && !freed.Load(); i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if !freed.Load() {
		t.Error("the file's buffer is still in use by the plan")
	}
	got, _ := json.Marshal(p)
	plan := strings.Replace(string(got), `"id":"debris","title"`, `"id":"","title"`, 1)
	plan = strings.Replace(plan, `"source":"debris.txt"`, `"source":""`, 1)
	if plan != string(want) {
		t.Errorf("compaction changed the plan:\n got %s\nwant %s", plan, want)
	}
	runtime.KeepAlive(p)
}

// On the seeds too, compaction (forced, whatever it saves) changes nothing
// a plan says.
func TestCompactSeedsUnchanged(t *testing.T) {
	for _, text := range seedTexts(t) {
		sc := new(scratch)
		p := buildWith(clean(text), sc)
		before, _ := json.Marshal(p)
		compactTextOver(p, text, sc.cells.chunks, 2)
		after, _ := json.Marshal(p)
		if string(before) != string(after) {
			t.Fatalf("compaction changed a seed plan")
		}
	}
}

// FuzzParseReuse: a plan parsed the way LoadPaths parses it (scratch space
// reused from earlier files, text compacted, bytes borrowed and overwritten
// afterwards) says exactly what a plan built from scratch says.
func FuzzParseReuse(f *testing.F) {
	f.Add(debrisPlan())
	for _, text := range seedTexts(f) { // the first lines: the engine is slow on long inputs
		head := text[:min(len(text), 3000)]
		f.Add(head[:strings.LastIndexByte(head, '\n')+1])
	}
	f.Add("\t\n\t\n第二章\n1\n\n2\n\n3")
	// U+3000 in the text, or only made by an entity (see cleanCensus).
	f.Add("第一章　总则\n到2025年\u3000全县养老床位达到 1590 张。\n")
	f.Add("第一章 总则\n<p>到2025年&#12288;全县养老床位达到&#x3000;1590张。</p>\n")
	f.Add("第一章 总则\n<p>到2025年&#160;全县养老床位达到\u00a01590张。</p>\n")
	f.Fuzz(func(t *testing.T, text string) {
		decoded, err := decode([]byte(text))
		if err != nil {
			return
		}
		lines := clean(decoded)
		if !hasText(lines) {
			return
		}
		want, _ := json.Marshal(build(lines))
		for range 2 { // the second time, on scratch space the first one left
			p, err := parseBytes("f.txt", []byte(text))
			if p == nil {
				t.Fatalf("parseBytes: %v", err)
			}
			p.ID, p.Source = "", ""
			got, _ := json.Marshal(p)
			if string(got) != string(want) {
				t.Fatalf("reused scratch or compaction changed the plan:\n got %s\nwant %s", got, want)
			}
		}
		// On borrowed bytes, as LoadPaths parses: overwriting the bytes and
		// the decode buffer afterwards changes nothing in the plan.
		sc := new(scratch)
		b := []byte(text)
		p, _ := parseWith(sc, "f.txt", b, true)
		if p == nil {
			t.Fatal("parseWith found no plan where build did")
		}
		for k := range b {
			b[k] = 'x'
		}
		for k := range sc.dec[:cap(sc.dec)] {
			sc.dec[:cap(sc.dec)][k] = 'y'
		}
		p.ID, p.Source = "", ""
		if got, _ := json.Marshal(p); string(got) != string(want) {
			t.Fatalf("the plan changed once its borrowed bytes were overwritten:\n got %s\nwant %s", got, want)
		}
	})
}

// LoadPaths reads every file of a worker into one buffer, and decodes
// UTF-16 and GB18030 into scratch space, both reused for the next file: a
// plan must keep none of that memory. Each input (every seed and two
// crafted plans, in four encodings) is parsed on borrowed bytes; no string
// of the plan (found by reflection, whatever its field) may point into the
// bytes or the scratch space, and once both are overwritten the plan must
// still say exactly what a plan parsed on bytes of its own says.
func TestBorrowedBytesNotKept(t *testing.T) {
	var inputs [][]byte
	for _, text := range append(seedTexts(t), debrisPlan(), "<table><tr><td>1</td><td>甲</td><td>2</td></tr><tr><td>2</td><td>乙</td><td>3</td></tr></table>\n") {
		for _, enc := range []corpus.Encoding{corpus.UTF8, corpus.UTF8BOMCRLF, corpus.GB18030, corpus.UTF16LE} {
			b, err := corpus.Encode(text, enc)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, b)
		}
	}
	sc := new(scratch)
	for i, in := range inputs {
		want, err := parseBytes("f.txt", append([]byte(nil), in...))
		if want == nil {
			t.Fatalf("input %d: %v", i, err)
		}
		wantJSON, _ := json.Marshal(want)
		b := append([]byte(nil), in...)
		p, _ := parseWith(sc, "f.txt", b, true)
		for _, mem := range [][]byte{b, sc.dec} {
			if s := stringInto(reflect.ValueOf(p), mem); s != "" {
				t.Fatalf("input %d: the plan keeps %q from the borrowed bytes or the scratch space", i, s)
			}
		}
		for k := range b {
			b[k] = 'x'
		}
		for k := range sc.dec[:cap(sc.dec)] {
			sc.dec[:cap(sc.dec)][k] = 'y'
		}
		if got, _ := json.Marshal(p); string(got) != string(wantJSON) {
			t.Fatalf("input %d: the plan changed once its bytes and scratch space were overwritten", i)
		}
	}
}

// stringInto returns a string reachable from v that points into b's
// memory, or "".
func stringInto(v reflect.Value, b []byte) string {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b[:cap(b)])))
	end := start + uintptr(cap(b))
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value) string
	walk = func(v reflect.Value) string {
		switch v.Kind() {
		case reflect.String:
			if s := v.String(); s != "" {
				if a := uintptr(unsafe.Pointer(unsafe.StringData(s))); a >= start && a < end {
					return s
				}
			}
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return ""
			}
			seen[v.Pointer()] = true
			return walk(v.Elem())
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if s := walk(v.Field(i)); s != "" {
					return s
				}
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				if s := walk(v.Index(i)); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return walk(v)
}

// Normalising lines without looking for U+3000, in a text that holds none
// (see cleanCensus), builds the plan that looking for it builds: on the
// seeds, on their re-encodings' decoded text, and on texts where U+3000
// stands between Chinese and digits, near the end of long lines (the
// vector census), or comes only from an HTML entity.
func TestNarrowNormalisingSame(t *testing.T) {
	long := strings.Repeat("民政事业发展，养老服务体系。", 8)
	texts := append(seedTexts(t),
		"第一章 总则\n到2025年\u3000全县养老床位达到 1590 张。\n",
		"第一章 总则\n"+long+"到 2025\u3000年全县\n"+long+"\n",
		"第一章 总则\n<p>到2025年&#12288;全县养老床位达到&#x3000;1590张。</p>\n"+long+"\n",
		"第一章 总则\n"+long+"到 2025 年，全县 1590 张。\n",
		"第一章 总则\n<p>到2025年&nbsp;全县养老床位达到&#160;1590张。</p>\n"+long+"\n",
	)
	narrowSeen := 0
	for _, text := range texts {
		sc := new(scratch)
		lines := sc.clean(text)
		if sc.narrow {
			narrowSeen++
		}
		for _, l := range lines {
			if strings.Contains(l.Text, "\u00a0") { // what narrow relies on, too
				t.Errorf("an NBSP survived clean: %q", l.Text)
			}
		}
		got, _ := json.Marshal(buildWith(lines, sc))
		want, _ := json.Marshal(build(clean(text))) // build alone looks for U+3000
		if string(got) != string(want) {
			t.Errorf("narrow=%v changed the plan of %.60q", sc.narrow, text)
		}
	}
	if narrowSeen == 0 || narrowSeen == len(texts) {
		t.Errorf("narrow in %d of %d texts: the test compares nothing", narrowSeen, len(texts))
	}
}
