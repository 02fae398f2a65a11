// Package loader reads plan files into model.Plans.
//
// # Pipeline
//
// Loading is a pipeline of stages, each in its own files and testable
// alone. Each reads what the stage before it made:
//
//	decode    decode.go       bytes → text (UTF-8 ± BOM, UTF-16 with or without
//	                          a BOM, GB18030), LF line ends; or one error saying
//	                          why the file is not a plan (empty, binary, too large)
//	clean     clean.go        text → []Line: conversion debris, control
//	          clean_lines.go  characters, tables of contents, page numbers and
//	                          link spam removed; every kept line keeps its number
//	units     rules.go        []Line → units: the rule table decides what each
//	                          line is — part of a table, a 专栏 box title, a
//	                          heading, a list item, the rest of the unit above, a
//	                          paragraph — asking three stages' readers:
//	  blocks  blocks.go         paragraph text (PDF spaces, rejoined lines)
//	  outline outline.go        which numbered lines are headings
//	  tables  tables.go         the table layouts of Word, PDF, web and
//	          tables_web.go     Markdown exports
//	build     structure.go    units → the plan: headings into the outline tree
//	          meta.go         (outline.go), box contents into boxes; the title
//	                          and region
//	compact   compact.go      the plan keeps only the text it uses, not the file
//
// loader.go, load.go and scratch.go run the pipeline on files (Parse,
// LoadPaths, …) with working memory reused from file to file.
//
// # Vocabulary
//
// The stages share a vocabulary, not each other's helpers:
//
//   - lines.go: the Line type and every predicate and parser that more than
//     one stage uses (padding, heading numbers in every numeral style,
//     table-of-contents lines, box titles, captions, unit lines, note
//     lines, numeric cells, date lines …), each with a line of a real plan
//     it takes;
//   - units.go: the units the rule table makes and build reads;
//   - limits.go: every threshold, each with the line or the layout that made
//     it necessary;
//   - internal/bytescan: the byte-level machinery (scan tables, the census
//     of rare characters, UTF-8 validation, UTF-16 conversion, the AVX2
//     byte-set search and its pure-Go fallback), which knows nothing of
//     plans.
//
// A stage's files use only their own functions and the vocabulary: no stage
// calls another's helpers. The rule table calls the readers of blocks,
// outline and tables; build calls the rule table, outline's tree and meta;
// the entry points call the stages in order. TestLayers (layers_test.go)
// checks it.
//
// # Where a rule goes
//
// What a line is, is decided in one place: the rule table, rules in
// rules.go, whose order is the priority. To teach the loader a new layout:
//
//   - a new kind of line or of table: a rule in rules.go, at the place in
//     the table where it must win over the rules after it, with its example
//     lines in its doc comment and in TestRules (rules_test.go), its
//     examples that it takes and its near misses that it leaves to the rules
//     after it; the reader it calls goes in its stage's file (a table
//     layout in tables.go, say);
//   - a new heading numeral: parseNumber (lines.go); when a numbered line
//     is a heading: classify (outline.go);
//   - new debris: clean.go within a line, clean_lines.go for whole lines;
//   - a new encoding: decode.go.
//
// Any threshold the rule needs is named in limits.go, with the line that
// made it necessary, and pinned by a test just inside and just outside it
// (TestLimitBoundaries, limits_test.go).
package loader
