package pdf

// The engine: PDFium compiled to WebAssembly (github.com/klippa-app/go-pdfium,
// the module embedded in it) run by wazero, pure Go. It is started once,
// by the first PDF converted: a program that never converts a PDF never
// pays for it.
//
// Starting means compiling the 5 MB module to machine code, on every CPU
// (2 s on 2 cores); wazero keeps the compiled code in a cache directory
// (CacheDir), so that every later start, in this process or the next,
// takes a fraction of a second.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"planview/formats/internal/plantext"
)

// CacheDir is where the compiled engine is kept between runs; "" disables
// the cache. It is read once, when the engine starts. The default is
// planview/pdfium under the user's cache directory (os.UserCacheDir), or
// the value of PLANVIEW_PDFIUM_CACHE when set ("off" disables it).
var CacheDir = defaultCacheDir()

func defaultCacheDir() string {
	if v, ok := os.LookupEnv("PLANVIEW_PDFIUM_CACHE"); ok {
		if v == "off" {
			return ""
		}
		return v
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "planview", "pdfium")
}

// Workers is the most PDFs converted at once (each in its own instance of
// the engine); more wait their turn.
var Workers = min(runtime.GOMAXPROCS(0), 4)

var (
	engineOnce    sync.Once
	enginePool    pdfium.Pool
	engineErr     error
	engineStarted atomic.Bool
	engineTook    time.Duration
)

// EngineStarted reports whether the PDF engine has been started in this
// process.
func EngineStarted() bool { return engineStarted.Load() }

// EngineStartTime is how long starting the engine took (0 before it
// started): compiling the module, or loading it from the cache.
func EngineStartTime() time.Duration {
	if !EngineStarted() {
		return 0
	}
	return engineTook
}

// engine starts the engine on first use and returns its pool.
func engine() (pdfium.Pool, error) {
	engineOnce.Do(func() {
		engineStarted.Store(true)
		t0 := time.Now()
		rc := wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
		if CacheDir != "" {
			if err := os.MkdirAll(CacheDir, 0o755); err == nil {
				if cache, err := wazero.NewCompilationCacheWithDir(CacheDir); err == nil {
					rc = rc.WithCompilationCache(cache)
				}
			}
		}
		// Compiling is spread over every CPU: 4.3 s on one of 2 cores,
		// 2.0 s on both (the fixtures' first PDF, no cache).
		ctx := experimental.WithCompilationWorkers(context.Background(), runtime.GOMAXPROCS(0))
		enginePool, engineErr = webassembly.Init(webassembly.Config{
			Context:  ctx,
			MinIdle:  0,
			MaxIdle:  Workers,
			MaxTotal: Workers,
			// A fresh instance for each document (instantiating the
			// compiled module costs a few milliseconds): PDFium's memory,
			// grown by a large document, goes with it.
			ReuseWorkers:  false,
			RuntimeConfig: rc,
			// No file system: documents are handed over in memory.
			FSConfig: wazero.NewFSConfig(),
			Stdout:   io.Discard,
			Stderr:   io.Discard,
		})
		engineTook = time.Since(t0)
		if engineErr != nil {
			engineErr = fmt.Errorf("starting the PDF engine (PDFium in WebAssembly): %w", engineErr)
		}
	})
	return enginePool, engineErr
}

// instanceWait is how long a conversion waits for a free instance.
const instanceWait = 10 * time.Minute

// extract reads the pages of a PDF: each page's characters with their
// positions, its ruled lines and how many images it holds.
func extract(name string, data []byte) (pages []page, err error) {
	pool, err := engine()
	if err != nil {
		return nil, &plantext.Error{File: name, Err: err}
	}
	inst, err := pool.GetInstance(instanceWait)
	if err != nil {
		return nil, &plantext.Error{File: name, Err: fmt.Errorf("the PDF engine: %w", err)}
	}
	healthy := true
	defer func() {
		if p := recover(); p != nil {
			healthy = false
			pages, err = nil, &plantext.Error{File: name, Err: plantext.Damaged(fmt.Errorf("the PDF engine failed: %v", p))}
		}
		if healthy {
			inst.Close()
		} else {
			inst.Kill() // an engine that trapped is not reused
		}
	}()
	buf := data
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &buf})
	if err != nil {
		switch {
		case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
			return nil, &plantext.Error{File: name, Err: plantext.ErrEncrypted}
		}
		return nil, &plantext.Error{File: name, Err: plantext.Damaged(err)}
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, &plantext.Error{File: name, Err: plantext.Damaged(err)}
	}
	for i := 0; i < pc.PageCount; i++ {
		pg, err := readPage(inst, doc.Document, i)
		if err != nil {
			healthy = false
			return nil, &plantext.Error{File: name, Page: i + 1, Err: plantext.Damaged(err)}
		}
		pages = append(pages, pg)
	}
	return pages, nil
}

// readPage reads page i (0-based).
func readPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) (page, error) {
	pg := page{n: i + 1}
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return pg, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	ref := requests.Page{ByReference: &lp.Page}
	if w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: ref}); err == nil {
		pg.w = float64(w.PageWidth)
	}
	if h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: ref}); err == nil {
		pg.h = float64(h.PageHeight)
	}
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: ref})
	if err != nil {
		return pg, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cc, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return pg, err
	}
	pg.chars = make([]char, 0, cc.Count)
	for k := 0; k < cc.Count; k++ {
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: k})
		if err != nil {
			return pg, err
		}
		r := rune(u.Unicode)
		if r == 0 || r == '\r' || r == '\n' || r == 0xFFFE || r == 0xFFFF {
			continue
		}
		if g, err := inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: k}); err == nil && g.IsGenerated {
			continue // a space or line end PDFium inferred: positions say more
		}
		o, err := inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp.TextPage, Index: k})
		if err != nil {
			return pg, err
		}
		box, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: k})
		if err != nil {
			return pg, err
		}
		fs, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp.TextPage, Index: k})
		if err != nil {
			return pg, err
		}
		c := char{r: r, x0: float64(box.Rect.Left), x1: float64(box.Rect.Right),
			y0: float64(box.Rect.Bottom), y1: float64(box.Rect.Top), base: o.Y, size: fs.FontSize}
		if c.y0 > c.y1 {
			c.y0, c.y1 = c.y1, c.y0
		}
		if c.size <= 0 {
			c.size = c.y1 - c.y0
		}
		pg.chars = append(pg.chars, c)
	}
	no, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: ref})
	if err != nil {
		return pg, err
	}
	for k := 0; k < no.Count; k++ {
		obj, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: ref, Index: k})
		if err != nil {
			return pg, err
		}
		ty, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj.PageObject})
		if err != nil {
			return pg, err
		}
		switch ty.Type {
		case enums.FPDF_PAGEOBJ_IMAGE:
			pg.images++
		case enums.FPDF_PAGEOBJ_PATH:
			b, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj.PageObject})
			if err != nil {
				continue
			}
			r := rule{x0: float64(b.Left), y0: float64(b.Bottom), x1: float64(b.Right), y1: float64(b.Top)}
			rect := false
			if w, h := r.x1-r.x0, r.y1-r.y0; w > thin && h > thin {
				// Only an outlined rectangle (a frame) is ruled lines: its four
				// sides. A curve, a chart's line, a filled area are not.
				dm, err1 := inst.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: obj.PageObject})
				ns, err2 := inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj.PageObject})
				rect = err1 == nil && err2 == nil && dm.Stroke && ns.Count >= 4 && ns.Count <= 5
				if !rect {
					continue
				}
			}
			pg.addPath(r, rect)
		}
	}
	return pg, nil
}
