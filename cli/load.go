package cli

import (
	"strconv"
	"strings"

	"planview/loader"
	"planview/model"
	"planview/seeds"
)

// LoadPlans loads the files and folders of e.Paths and extra (a folder: every
// plan file inside: .txt, .docx, .html, .htm, .pdf; sorted by name), or the embedded plans when there are none.
// Each load error is printed on stderr, one line each. code is ExitOK when
// at least one plan loaded, else ExitFail.
func (e *Env) LoadPlans(extra []string) (plans []*model.Plan, code int) {
	paths := append(append([]string(nil), e.Paths...), extra...)
	var errs loader.ErrorList
	if len(paths) == 0 {
		plans, errs = loader.LoadFS(seeds.FS())
	} else {
		done := holdCollector(paths)
		plans, errs = loader.LoadPaths(paths)
		done()
	}
	e.loadErrs = errs
	for _, err := range errs {
		e.Errorf("%s", oneLine(err.Error()))
	}
	if len(plans) == 0 {
		e.Errorf("no plan loaded")
		return nil, ExitFail
	}
	return plans, ExitOK
}

// loadNotice tells the browser's user what LoadPlans printed on stderr, which
// the full-screen browser hides until it exits; "" when there was nothing.
func loadNotice(errs loader.ErrorList) string {
	failed, warned := len(errs.Failures()), len(errs.Warnings())
	var parts []string
	if failed > 0 {
		parts = append(parts, plural(failed, "file")+" could not be loaded")
	}
	if warned > 0 {
		parts = append(parts, plural(warned, "warning"))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + " (listed on stderr when you quit)"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// oneLine keeps an error message on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
