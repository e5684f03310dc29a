;; The candidate loop of the keyword filter (candidateSteps in keyword-scan.ts) as WebAssembly:
;; the same windows, hashes and tables, about 30% faster than the optimized JavaScript loop. A
;; window that passes the bitmap must pass a second bitmap (the windows hashed with another
;; multiplier) too, so that fewer steps that hold no keyword are handed back.
;; Memory: the hash bitmap at 0 (256 KB), the pair table at 262144 (64 KB), the candidates the
;; loop finds at $out, the encoded-alphabet table at 344064 (256 bytes) and the runs found after
;; it, the second bitmap at 393216 (256 KB), the keyword tables at 655360 (see closer), the hits
;; closer finds, and the input (4-byte steps, padded with 16 spaces) at $input. The module also
;; looks closer at the steps it finds (closer: which keywords start there) and finds the encoded
;; runs (encodedRuns).
;; src/detect/candidates-wasm.ts holds the module assembled from this file:
;; node packages/secrets/scripts/build-wasm.mjs rewrites it, and a test checks that it matches.
(module
  (memory (export "memory") 12)
  ;; Writes the steps i in [from, steps) that need a closer look to $out, at most $cap of them,
  ;; as i * 8 + which of the window at offset 0 (1), the one at offset 2 (2) and the pairs (4) to
  ;; look at; returns how many it wrote.
  (func (export "candidates") (param $from i32) (param $steps i32) (param $cap i32) (param $input i32) (param $out i32) (result i32)
    (local $i i32) (local $k i32) (local $p i32) (local $q i32) (local $next i32) (local $mid i32) (local $h1 i32) (local $h2 i32) (local $g1 i32) (local $g2 i32) (local $b1 i32) (local $b2 i32) (local $pf i32) (local $mask i32)
    (local.set $i (local.get $from))
    ;; q: the loosened window at offset 0 of step i (every byte OR 0x20)
    (local.set $q (i32.or (i32.load (i32.add (local.get $input) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 0x20202020)))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $i) (local.get $steps)))
        (local.set $p (i32.add (local.get $input) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $next (i32.or (i32.load offset=4 (local.get $p)) (i32.const 0x20202020)))
        ;; the window at offset 2 of the step
        (local.set $mid (i32.or (i32.load offset=2 (local.get $p)) (i32.const 0x20202020)))
        ;; hashWindow: multiply by 0x9e3779b1, keep the top 21 bits
        (local.set $h1 (i32.shr_u (i32.mul (local.get $q) (i32.const 0x9e3779b1)) (i32.const 11)))
        (local.set $h2 (i32.shr_u (i32.mul (local.get $mid) (i32.const 0x9e3779b1)) (i32.const 11)))
        (local.set $b1 (i32.and (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $h1) (i32.const 5)) (i32.const 2))) (local.get $h1)) (i32.const 1)))
        (local.set $b2 (i32.and (i32.shr_u (i32.load (i32.shl (i32.shr_u (local.get $h2) (i32.const 5)) (i32.const 2))) (local.get $h2)) (i32.const 1)))
        ;; the pairs at offsets 0, 2, 1 and 3 of the step
        (local.set $pf
          (i32.or
            (i32.or
              (i32.load8_u offset=262144 (i32.and (local.get $q) (i32.const 0xffff)))
              (i32.load8_u offset=262144 (i32.shr_u (local.get $q) (i32.const 16))))
            (i32.or
              (i32.load8_u offset=262144 (i32.and (i32.shr_u (local.get $q) (i32.const 8)) (i32.const 0xffff)))
              (i32.load8_u offset=262144 (i32.and (i32.shr_u (local.get $mid) (i32.const 8)) (i32.const 0xffff))))))
        (if (i32.or (i32.or (local.get $b1) (local.get $b2)) (local.get $pf))
          (then
            ;; a window in the first bitmap must be in the second one too (another multiplier):
            ;; most windows that only collide in the first are dropped here
            (local.set $g1 (i32.shr_u (i32.mul (local.get $q) (i32.const 0x85ebca6b)) (i32.const 11)))
            (local.set $g2 (i32.shr_u (i32.mul (local.get $mid) (i32.const 0x85ebca6b)) (i32.const 11)))
            ;; which of the two windows passed both bitmaps (bits 0 and 1), and whether a pair did (bit 2)
            (local.set $mask
              (i32.or
                (i32.or
                  (i32.and (local.get $b1)
                    (i32.and (i32.shr_u (i32.load offset=393216 (i32.shl (i32.shr_u (local.get $g1) (i32.const 5)) (i32.const 2))) (local.get $g1)) (i32.const 1)))
                  (i32.shl
                    (i32.and (local.get $b2)
                      (i32.and (i32.shr_u (i32.load offset=393216 (i32.shl (i32.shr_u (local.get $g2) (i32.const 5)) (i32.const 2))) (local.get $g2)) (i32.const 1)))
                    (i32.const 1)))
                (i32.shl (i32.ne (local.get $pf) (i32.const 0)) (i32.const 2))))
            (if (local.get $mask)
              (then
                ;; the step and the mask: step * 8 + mask
                (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
                  (i32.or (i32.shl (local.get $i) (i32.const 3)) (local.get $mask)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br_if $done (i32.eq (local.get $k) (local.get $cap)))))))
        (local.set $q (local.get $next))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $step)))
    (local.get $k))
;; lookCloser (keywords.ts) for the $k steps "candidates" wrote at $out: the keywords that
  ;; start in a window that passed both bitmaps (the entries under its hash in the slot table) or,
  ;; where a pair passed, the two-byte keywords; each found as a (start, keyword id) pair at $hits,
  ;; in the order lookCloser finds them; returns how many pairs it wrote. $t holds the tables'
  ;; places: the slot table (hash + 1, first entry, end of entries) and its mask, the entries
  ;; (keyword id, offset of the window in the keyword), the keywords' bytes, where each starts and
  ;; how long it is, the ASCII case fold, the two-byte keywords' ids and how many there are.
  (func (export "closer") (param $k i32) (param $n i32) (param $input i32) (param $out i32) (param $hits i32) (param $t i32) (result i32)
    (local $j i32) (local $v i32) (local $p i32) (local $w i32) (local $h i32) (local $slot i32) (local $e i32) (local $end i32)
    (local $start i32) (local $id i32) (local $nh i32) (local $s i32) (local $x i32)
    (local $slots i32) (local $mask i32) (local $entries i32) (local $short i32) (local $shorts i32)
    (local.set $slots (i32.load (local.get $t)))
    (local.set $mask (i32.load offset=4 (local.get $t)))
    (local.set $entries (i32.load offset=8 (local.get $t)))
    (local.set $short (i32.load offset=28 (local.get $t)))
    (local.set $shorts (i32.load offset=32 (local.get $t)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $v (i32.load (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $p (i32.shl (i32.shr_u (local.get $v) (i32.const 3)) (i32.const 2)))
        ;; the windows at p (bit 0) and p + 2 (bit 1)
        (local.set $x (i32.const 0))
        (block $windows
          (loop $window
            (br_if $windows (i32.eq (local.get $x) (i32.const 2)))
            (if (i32.and (local.get $v) (i32.shl (i32.const 1) (local.get $x)))
              (then
                (local.set $w (i32.add (local.get $p) (i32.shl (local.get $x) (i32.const 1))))
                (local.set $h (i32.shr_u
                  (i32.mul (i32.or (i32.load (i32.add (local.get $input) (local.get $w))) (i32.const 0x20202020)) (i32.const 0x9e3779b1))
                  (i32.const 11)))
                ;; the slot of the hash (open addressing; an empty slot ends the search)
                (local.set $slot (i32.and (local.get $h) (local.get $mask)))
                (block $found
                  (block $absent
                    (loop $probe
                      (local.set $e (i32.load (i32.add (local.get $slots) (i32.mul (local.get $slot) (i32.const 12)))))
                      (br_if $found (i32.eq (local.get $e) (i32.add (local.get $h) (i32.const 1))))
                      (br_if $absent (i32.eqz (local.get $e)))
                      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
                      (br $probe)))
                  (local.set $slot (i32.const -1)))
                (if (i32.ge_s (local.get $slot) (i32.const 0))
                  (then
                    (local.set $e (i32.load offset=4 (i32.add (local.get $slots) (i32.mul (local.get $slot) (i32.const 12)))))
                    (local.set $end (i32.load offset=8 (i32.add (local.get $slots) (i32.mul (local.get $slot) (i32.const 12)))))
                    (block $entries_done
                      (loop $entry
                        (br_if $entries_done (i32.ge_s (local.get $e) (local.get $end)))
                        (local.set $id (i32.load (i32.add (local.get $entries) (i32.shl (local.get $e) (i32.const 2)))))
                        (local.set $start (i32.sub (local.get $w)
                          (i32.load offset=4 (i32.add (local.get $entries) (i32.shl (local.get $e) (i32.const 2))))))
                        (if (i32.ge_s (local.get $start) (i32.const 0))
                          (then
                            (if (call $matches (local.get $id) (local.get $start) (local.get $n) (local.get $input) (local.get $t))
                              (then
                                (i32.store (i32.add (local.get $hits) (i32.shl (local.get $nh) (i32.const 3))) (local.get $start))
                                (i32.store offset=4 (i32.add (local.get $hits) (i32.shl (local.get $nh) (i32.const 3))) (local.get $id))
                                (local.set $nh (i32.add (local.get $nh) (i32.const 1)))))))
                        (local.set $e (i32.add (local.get $e) (i32.const 2)))
                        (br $entry)))))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $window)))
        ;; the pairs at p .. p + 3 (bit 2): the two-byte keywords
        (if (i32.and (local.get $v) (i32.const 4))
          (then
            (local.set $s (local.get $p))
            (block $pairs_done
              (loop $pair
                (br_if $pairs_done (i32.ge_u (local.get $s) (i32.add (local.get $p) (i32.const 4))))
                (if (i32.load8_u offset=262144
                      (i32.and (i32.or (i32.load16_u (i32.add (local.get $input) (local.get $s))) (i32.const 0x2020)) (i32.const 0xffff)))
                  (then
                    (local.set $x (i32.const 0))
                    (block $shorts_done
                      (loop $shortid
                        (br_if $shorts_done (i32.ge_u (local.get $x) (local.get $shorts)))
                        (local.set $id (i32.load (i32.add (local.get $short) (i32.shl (local.get $x) (i32.const 2)))))
                        (if (call $matches (local.get $id) (local.get $s) (local.get $n) (local.get $input) (local.get $t))
                          (then
                            (i32.store (i32.add (local.get $hits) (i32.shl (local.get $nh) (i32.const 3))) (local.get $s))
                            (i32.store offset=4 (i32.add (local.get $hits) (i32.shl (local.get $nh) (i32.const 3))) (local.get $id))
                            (local.set $nh (i32.add (local.get $nh) (i32.const 1)))))
                        (local.set $x (i32.add (local.get $x) (i32.const 1)))
                        (br $shortid)))))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $pair)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (local.get $nh))
  ;; Whether keyword $id (its bytes at $t's codes, from its start, its length) is at $start of
  ;; the input (case folded) and ends within $n (matchesAt in keywords.ts).
  (func $matches (param $id i32) (param $start i32) (param $n i32) (param $input i32) (param $t i32) (result i32)
    (local $len i32) (local $code i32) (local $q i32) (local $fold i32) (local $at i32)
    (local.set $len (i32.load (i32.add (i32.load offset=20 (local.get $t)) (i32.shl (local.get $id) (i32.const 2)))))
    (if (i32.gt_s (i32.add (local.get $start) (local.get $len)) (local.get $n)) (then (return (i32.const 0))))
    (local.set $code (i32.add (i32.load offset=12 (local.get $t))
      (i32.load (i32.add (i32.load offset=16 (local.get $t)) (i32.shl (local.get $id) (i32.const 2))))))
    (local.set $fold (i32.load offset=24 (local.get $t)))
    (local.set $at (i32.add (local.get $input) (local.get $start)))
    (block $differs
      (loop $byte
        (br_if $differs (i32.ge_u (local.get $q) (local.get $len)))
        (br_if $differs (i32.ne
          (i32.load8_u (i32.add (local.get $fold) (i32.load8_u (i32.add (local.get $at) (local.get $q)))))
          (i32.load8_u (i32.add (local.get $code) (local.get $q)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $byte)))
    (i32.eq (local.get $q) (local.get $len)))
  ;; encodedRuns (encoded-runs.ts): the runs of at least $step bytes of the encoded alphabet
  ;; (the table at 344064: 1 for a byte in it) in input[0, $n), from the one after $last on, as
  ;; (start, end) pairs at $out, at most $cap of them; returns how many it wrote.
  (func (export "runs") (param $last i32) (param $n i32) (param $step i32) (param $input i32) (param $out i32) (param $cap i32) (result i32)
    (local $q i32) (local $r i32) (local $end i32) (local $k i32)
    (block $done
      (loop $probe
        (local.set $q (i32.add (local.get $last) (local.get $step)))
        (br_if $done (i32.ge_s (local.get $q) (local.get $n)))
        ;; the byte $step after the last known outside byte: outside too, then jump on
        (if (i32.eqz (i32.load8_u offset=344064 (i32.load8_u (i32.add (local.get $input) (local.get $q)))))
          (then (local.set $last (local.get $q)) (br $probe)))
        ;; inside: look back for an outside byte
        (local.set $r (i32.sub (local.get $q) (i32.const 1)))
        (block $back
          (loop $scan
            (br_if $back (i32.le_s (local.get $r) (local.get $last)))
            (br_if $back (i32.eqz (i32.load8_u offset=344064 (i32.load8_u (i32.add (local.get $input) (local.get $r))))))
            (local.set $r (i32.sub (local.get $r) (i32.const 1)))
            (br $scan)))
        (if (i32.gt_s (local.get $r) (local.get $last))
          (then (local.set $last (local.get $r)) (br $probe)))
        ;; a run from last + 1: find its end
        (local.set $end (i32.add (local.get $q) (i32.const 1)))
        (block $forward
          (loop $scan
            (br_if $forward (i32.ge_s (local.get $end) (local.get $n)))
            (br_if $forward (i32.eqz (i32.load8_u offset=344064 (i32.load8_u (i32.add (local.get $input) (local.get $end))))))
            (local.set $end (i32.add (local.get $end) (i32.const 1)))
            (br $scan)))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (i32.add (local.get $last) (i32.const 1)))
        (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))) (local.get $end))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $last (local.get $end))
        (br_if $done (i32.eq (local.get $k) (local.get $cap)))
        (br $probe)))
    (local.get $k))
)
