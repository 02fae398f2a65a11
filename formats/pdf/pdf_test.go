package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"planview/formats/internal/plantext"
)

// minimalPDF writes a one-page PDF with the given content stream and page
// resources, its cross-reference table right.
func minimalPDF(content, resources string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources + " /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	objs = append(objs, extra...)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// A scan: a page that is one image and no text.
func TestScannedPDF(t *testing.T) {
	img := "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x10\x80\x80\x10\nendstream"
	data := minimalPDF("q 400 0 0 600 90 120 cm /Im0 Do Q", "<< /XObject << /Im0 5 0 R >> >>", img)
	_, err := readText("scan.pdf", data)
	var e *plantext.Error
	if !errors.As(err, &e) || e.File != "scan.pdf" || !errors.Is(err, plantext.ErrNoTextLayer) {
		t.Fatalf("got %v, want ErrNoTextLayer naming scan.pdf", err)
	}
	if !strings.Contains(err.Error(), "no text layer (a scanned PDF?)") {
		t.Errorf("message %q", err)
	}
}

// A PDF with text in a standard font reads without the fixtures' fonts.
func TestSimplePDF(t *testing.T) {
	data := minimalPDF("BT /F1 12 Tf 72 720 Td (Chapter 1 General) Tj ET BT /F1 12 Tf 72 700 Td (Targets for 2025) Tj ET",
		"<< /Font << /F1 5 0 R >> >>", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	out, err := readText("simple.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "Chapter 1 General\nTargets for 2025\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A PDF cut short, and a file that is no PDF: errors naming the file, and
// the engine still converts the next file.
func TestDamagedPDF(t *testing.T) {
	whole, err := os.ReadFile("../../testdata/formats/baishui.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		text string
	}{
		{"cut.pdf", whole[:len(whole)/2], "cut.pdf: damaged file: truncated"},
		{"notes.pdf", []byte("these are notes, not a PDF"), "notes.pdf: damaged file: not a PDF"},
		{"garbled.pdf", append([]byte("%PDF-1.7\n"), append(bytes.Repeat([]byte{0x17, 0x99, 0x42}, 300), []byte("\n%%EOF\n")...)...), "garbled.pdf: damaged file"},
	} {
		_, err := readText(c.name, c.data)
		if !errors.Is(err, plantext.ErrDamaged) || !strings.Contains(fmt.Sprint(err), c.text) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.text)
		}
	}
	out, err := readText("baishui.pdf", whole)
	if err != nil || !bytes.Contains(out, []byte("第一章 总体要求")) {
		t.Errorf("after damaged files: %v", err)
	}
}

// Conversions at once, as the loader's workers make them, give what one at
// a time gives.
func TestConcurrent(t *testing.T) {
	var datas [][]byte
	var want []string
	for _, n := range []string{"qingshan", "baishui"} {
		b, err := os.ReadFile("../../testdata/formats/" + n + ".pdf")
		if err != nil {
			t.Fatal(err)
		}
		out, err := readText(n+".pdf", b)
		if err != nil {
			t.Fatal(err)
		}
		datas, want = append(datas, b), append(want, string(out))
	}
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			k := i % len(datas)
			out, err := readText("x.pdf", datas[k])
			if err == nil && string(out) != want[k] {
				err = fmt.Errorf("conversion %d differs", i)
			}
			errs <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
