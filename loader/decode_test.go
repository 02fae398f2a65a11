package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Every accepted encoding of testdata/decode/plan.golden decodes to it.
func TestDecodeEncodings(t *testing.T) {
	want, err := os.ReadFile("testdata/decode/plan.golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"utf8.txt", "utf8-bom.txt", "utf8-bom-crlf.txt", "cr.txt",
		"utf16le-bom.txt", "utf16be-bom.txt", "utf16le-nobom.txt",
		"gb18030.txt", "gb18030-crlf.txt",
	} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata/decode", name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := decode(b)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if got != string(want) {
				t.Errorf("decode =\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// Each bad file is rejected with the right reason.
func TestDecodeRejects(t *testing.T) {
	for _, tc := range []struct {
		file string
		kind error
		msg  string // the whole message
	}{
		{"bad-empty.txt", ErrEmpty, "empty file, not a plan"},
		{"bad-blank.txt", ErrBlank, "only whitespace, not a plan"},
		{"bad-nul.txt", ErrBinary, "binary file (NUL byte at offset 11), not a plan"},
		{"bad-invalid.txt", ErrEncoding, "undecodable text (neither UTF-8 nor GB18030: read as UTF-8, byte 0x81 at offset 1 breaks it), not a plan"},
		{"bad-bom-utf8.txt", ErrEncoding, "undecodable text (UTF-8 byte order mark, then byte 0xff at offset 5), not a plan"},
		{"bad-png.txt", ErrBinary, "binary file (NUL byte at offset 8), not a plan"},
		{"bad-utf16-odd.txt", ErrEncoding, "undecodable text (UTF-16LE byte order mark, then invalid UTF-16), not a plan"},
		{"bad-utf16-surrogate.txt", ErrEncoding, "undecodable text (UTF-16LE byte order mark, then invalid UTF-16), not a plan"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata/decode", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = decode(b)
			if !errors.Is(err, tc.kind) {
				t.Fatalf("decode: %v, want %v", err, tc.kind)
			}
			if err.Error() != tc.msg {
				t.Errorf("message %q, want %q", err, tc.msg)
			}
		})
	}
}

func TestDecodeLineEnds(t *testing.T) {
	for in, want := range map[string]string{
		"a\r\nb\r\n":     "a\nb\n",
		"a\rb\r":         "a\nb\n",
		"a\r\r\nb":       "a\n\nb",
		"a\n\rb\r\n\r\n": "a\n\nb\n\n",
		"\r\n\r\nx":      "\n\nx",
		"x\r":            "x\n",
	} {
		got, err := decode([]byte(in))
		if err != nil || got != want {
			t.Errorf("decode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// A file with NUL bytes that is not UTF-16 is binary, even when its length
// is even and the NULs fall on one parity only some of the time.
func TestDecodeNULNotUTF16(t *testing.T) {
	for _, in := range []string{
		"ab\x00\x00cd",                     // NULs at both parities
		"\x01\x00\x02\x00\x03",             // odd length
		"\x01\x00\x02\x00\x03\x00\x04\x00", // "UTF-16" of control characters
		"中文\x00",
	} {
		_, err := decode([]byte(in))
		if !errors.Is(err, ErrBinary) {
			t.Errorf("decode(%q) = %v, want a binary-file error", in, err)
		}
	}
}

// A reader that says it is over the limit is refused before anything is read.
type sizedReader struct {
	size int64
	read int
}

func (r *sizedReader) Size() int64 { return r.size }
func (r *sizedReader) Read(p []byte) (int, error) {
	r.read += len(p)
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestParseTooLarge(t *testing.T) {
	r := &sizedReader{size: MaxSize + 1}
	_, err := Parse("huge.txt", r)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Parse: %v, want ErrTooLarge", err)
	}
	if want := "huge.txt: file too large (over the 64 MiB limit), not a plan"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if r.read != 0 {
		t.Errorf("read %d bytes of an oversized file", r.read)
	}
}

// A reader that does not tell its size is read only up to the limit.
func TestReadLimited(t *testing.T) {
	r := &sizedReader{size: -1}
	_, err := readLimited(struct{ *strings.Reader }{strings.NewReader(strings.Repeat("x", 1000))}, 999)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("1000 bytes, limit 999: %v", err)
	}
	b, err := readLimited(struct{ *strings.Reader }{strings.NewReader(strings.Repeat("x", 999))}, 999)
	if err != nil || len(b) != 999 {
		t.Errorf("999 bytes, limit 999: %d bytes, %v", len(b), err)
	}
	_, err = readLimited(struct{ io_Reader }{r}, 4096)
	if !errors.Is(err, ErrTooLarge) || r.read > 4096+64<<10 {
		t.Errorf("endless reader: %v after %d bytes", err, r.read)
	}
}

type io_Reader interface{ Read([]byte) (int, error) }

// decodeGB18030 agrees with x/text, also when the output outgrows its
// first buffer.
func TestDecodeGB18030Buffer(t *testing.T) {
	for _, in := range []string{"", "abc", "\xd6\xd0\xce\xc4", strings.Repeat("\x80", 100), strings.Repeat("\x81\x30\x81\x30", 50)} {
		got, err := decodeGB18030(nil, []byte(in))
		want, err2 := simplifiedchinese.GB18030.NewDecoder().Bytes([]byte(in))
		if string(got) != string(want) || (err == nil) != (err2 == nil) {
			t.Errorf("%q: got %q, %v; want %q, %v", in, got, err, want, err2)
		}
	}
}

// UTF-8 with a few damaged bytes loads, each run of bad bytes replaced by
// one U+FFFD, and the damage (bytes, first line) is reported; the same
// bytes are not read as GB18030.
func TestDecodeDamagedUTF8(t *testing.T) {
	b, err := os.ReadFile("testdata/decode/damaged-utf8.txt")
	if err != nil {
		t.Fatal(err)
	}
	text, d, err := decodeDamaged(b)
	if err != nil {
		t.Fatalf("decodeDamaged: %v", err)
	}
	if d != (damage{bytes: 3, line: 3}) {
		t.Errorf("damage %+v, want 3 bytes from line 3", d)
	}
	lines := strings.Split(text, "\n")
	if len(lines) != 15 || lines[2] != "社会救助\uFFFD标准稳步\uFFFD提高，城乡低保" || lines[4] != "健全基本养老服务体系，发展普惠型养老服务和互助性养老，推进医养结合，提升老年人生活质量。" {
		t.Errorf("decoded text %q", lines)
	}
	if n := strings.Count(text, "\uFFFD"); n != 2 {
		t.Errorf("%d U+FFFD, want 2 (one per run of bad bytes)", n)
	}
	// One bad byte, with a BOM and lone CR line ends.
	one := []byte("\uFEFF第一章 总则\r" + strings.Repeat(lines[4], 4))
	one = append(one, 0xC3, '\r')
	_, d, err = decodeDamaged(one)
	if err != nil || d != (damage{bytes: 1, line: 2}) {
		t.Errorf("damage %+v, %v; want 1 byte from line 2", d, err)
	}
	if d.warning().Error() != "1 damaged byte replaced with U+FFFD" {
		t.Errorf("warning %q", d.warning())
	}
	// Valid text reports no damage.
	if _, d, err := decodeDamaged([]byte("第一章 总则\n")); err != nil || d != (damage{}) {
		t.Errorf("valid UTF-8: damage %+v, %v", d, err)
	}
}

// FuzzGBK2: where the table decoder of two-byte GB18030 accepts a text, it
// agrees byte for byte with x/text's GB18030 decoder; GB18030 encodings of
// Chinese text (two-byte codes) are accepted.
func FuzzGBK2(f *testing.F) {
	for _, s := range []string{"养老床位 2025年 ≥55%，（一）", "養老床位與哈", "abc", ""} {
		b, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		f.Add(b)
	}
	f.Add([]byte{0x81, 0x30, 0x81, 0x30}) // a four-byte code
	f.Add([]byte{0x80, 0xFF, 0x81})
	f.Fuzz(func(t *testing.T, b []byte) {
		want, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		got, ok := decodeGBK2(nil, b)
		if ok && (err != nil || string(got) != string(want)) {
			t.Fatalf("% x: table %q, x/text %q (%v)", b, got, want, err)
		}
	})
}

// Every seed, encoded as GB18030 (three of them with four-byte codes: NBSP,
// U+2002, ²), takes the table path and decodes to itself.
func TestGBK2Seeds(t *testing.T) {
	for _, text := range seedTexts(t) {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := decodeGBK2(nil, b)
		if !ok {
			t.Fatal("a seed in GB18030 did not take the table path")
		}
		if string(got) != text {
			t.Fatal("a seed in GB18030 decoded to other text")
		}
	}
}

// A GB18030 file broken far into it names the byte GB18030 stops at, not
// the first Chinese character, where UTF-8 stopped.
func TestDecodeNamesTheByteOfTheEncodingThatReadFurther(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("某县民政事业发展十四五规划"))
	if err != nil {
		t.Fatal(err)
	}
	b := append(append(gb[:24:24], 0x9b, 0x20), "养老"...)
	_, _, err = decodeDamagedInto(b, nil)
	if err == nil || !strings.Contains(err.Error(), "read as GB18030, byte 0x9b at offset 24") {
		t.Errorf("error %v", err)
	}
	if firstInvalidGB18030(gb) != -1 {
		t.Errorf("valid GB18030 found invalid at %d", firstInvalidGB18030(gb))
	}
}
