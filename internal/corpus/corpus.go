// Package corpus generates a corpus of varied plan files from the embedded
// seeds, for benchmarks and load tests: the same genre, the same quirks, many
// regions, all the encodings the loader accepts.
package corpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"planview/seeds"
)

// Encoding names the byte form of a generated file.
type Encoding int

const (
	UTF8        Encoding = iota // plain UTF-8, LF
	UTF8BOMCRLF                 // UTF-8 with a BOM and CRLF line ends
	GB18030                     // GB18030, LF
	UTF16LE                     // UTF-16LE with a BOM, CRLF line ends
	UTF16BE                     // UTF-16BE with a BOM, LF
	numEncodings
)

var encodingNames = [...]string{"utf8", "utf8-bom-crlf", "gb18030", "utf16le", "utf16be"}

func (e Encoding) String() string { return encodingNames[e] }

// Encode returns text in the given encoding.
func Encode(text string, e Encoding) ([]byte, error) {
	switch e {
	case UTF8:
		return []byte(text), nil
	case UTF8BOMCRLF:
		return append([]byte("\uFEFF"), strings.ReplaceAll(text, "\n", "\r\n")...), nil
	case GB18030:
		return simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	case UTF16LE:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(strings.ReplaceAll(text, "\n", "\r\n")))
	case UTF16BE:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(text))
	}
	return nil, fmt.Errorf("corpus: unknown encoding %d", e)
}

// seed is one embedded plan ready for variation.
type seed struct {
	name   string
	lines  []string
	region string // the most frequent two-character place name, e.g. 天门
}

func loadSeeds() ([]seed, error) {
	fsys := seeds.FS()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []seed
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		text := strings.ReplaceAll(string(b), "\r\n", "\n")
		out = append(out, seed{name: n, lines: strings.Split(text, "\n"), region: placeName(text)})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus: no seeds embedded")
	}
	return out, nil
}

var placeRE = regexp.MustCompile(`(\p{Han}{2})[市县縣]`)

// placeName guesses a seed's region: the two characters most often written
// before 市 or 县, skipping words such as 全市 and 我县.
func placeName(text string) string {
	counts := map[string]int{}
	for _, m := range placeRE.FindAllStringSubmatch(text, -1) {
		first, _ := utf8.DecodeRuneInString(m[1])
		if strings.ContainsRune("全本我各城该市县州省縣在及到个的和", first) {
			continue
		}
		counts[m[1]]++
	}
	best, n := "", 0
	for k, c := range counts {
		if c > n || (c == n && k < best) {
			best, n = k, c
		}
	}
	return best
}

// Characters for made-up place names.
var placeChars = []rune("安宁平泰兴和丰华东南西北山河阳江湖清新永昌福康盛德嘉林云长乐远顺明广春溪宜峰")

// Generate writes n plan files into dir (created if needed), made from the
// embedded seeds, and returns their total size in bytes. Each file picks a
// seed, renames its region consistently, drops, duplicates and swaps some
// paragraphs, changes numbers in running text, and is written in one of the
// encodings the loader accepts (mostly UTF-8; some UTF-8+BOM+CRLF, GB18030,
// UTF-16). Files average about 60 KB. The same seed gives the same files.
func Generate(dir string, n int, seed int64) (totalBytes int64, err error) {
	ss, err := loadSeeds()
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x706c616e76696577))
	for i := 0; i < n; i++ {
		s := ss[rng.IntN(len(ss))]
		text := vary(s, rng)
		enc := pickEncoding(rng)
		b, err := Encode(text, enc)
		if err != nil {
			return totalBytes, err
		}
		name := filepath.Join(dir, fmt.Sprintf("plan-%05d.txt", i+1))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			return totalBytes, err
		}
		totalBytes += int64(len(b))
	}
	return totalBytes, nil
}

func pickEncoding(rng *rand.Rand) Encoding {
	switch x := rng.IntN(20); {
	case x < 13:
		return UTF8
	case x < 15:
		return UTF8BOMCRLF
	case x < 17:
		return GB18030
	case x < 19:
		return UTF16LE
	default:
		return UTF16BE
	}
}

var numberRE = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)

// vary makes one variant of a seed.
func vary(s seed, rng *rand.Rand) string {
	region := ""
	if s.region != "" {
		for region == "" || region == s.region {
			region = string([]rune{placeChars[rng.IntN(len(placeChars))], placeChars[rng.IntN(len(placeChars))]})
		}
	}
	var b bytes.Buffer
	lines := s.lines
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if isParagraph(l) {
			switch x := rng.IntN(100); {
			case x < 4: // drop
				continue
			case x < 9: // duplicate
				writeLine(&b, vary1(l, s.region, region, rng))
			case x < 13: // swap with the next paragraph line
				if i+2 < len(lines) && lines[i+1] == "" && isParagraph(lines[i+2]) {
					writeLine(&b, vary1(lines[i+2], s.region, region, rng))
					b.WriteString("\n")
					writeLine(&b, vary1(l, s.region, region, rng))
					i += 2
					continue
				}
			}
			writeLine(&b, vary1(l, s.region, region, rng))
			continue
		}
		if s.region != "" {
			l = strings.ReplaceAll(l, s.region, region)
		}
		writeLine(&b, l)
	}
	return strings.TrimSuffix(b.String(), "\n") + "\n"
}

func writeLine(b *bytes.Buffer, l string) {
	b.WriteString(l)
	b.WriteByte('\n')
}

// isParagraph reports whether a line is running text: long and not a
// table cell.
func isParagraph(l string) bool {
	return !strings.HasPrefix(l, "\t") && strings.IndexByte(l, '|') < 0 && utf8.RuneCountInString(l) >= 80
}

// vary1 renames the region in a paragraph and changes its numbers, except
// years, by up to ±30%.
func vary1(l, from, to string, rng *rand.Rand) string {
	if from != "" {
		l = strings.ReplaceAll(l, from, to)
	}
	return numberRE.ReplaceAllStringFunc(l, func(num string) string {
		if len(num) == 4 && (strings.HasPrefix(num, "19") || strings.HasPrefix(num, "20")) {
			return num
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || f < 10 {
			return num
		}
		f *= 0.7 + 0.6*rng.Float64()
		if dot := strings.IndexByte(num, '.'); dot >= 0 {
			return strconv.FormatFloat(f, 'f', len(num)-dot-1, 64)
		}
		return strconv.Itoa(max(1, int(f)))
	})
}
