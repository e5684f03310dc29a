;; The candidate loop of the keyword filter (candidateSteps in keyword-scan.ts) as WebAssembly:
;; the same windows, hashes and tables, about 30% faster than the optimized JavaScript loop. A
;; window that passes the bitmap must pass a second bitmap (the windows hashed with another
;; multiplier) too, so that fewer steps that hold no keyword are handed back.
;; Memory: the hash bitmap at 0 (256 KB), the pair table at 262144 (64 KB), the candidates the
;; loop finds at $out, the encoded-alphabet table at 344064 (256 bytes) and the runs found after
;; it, the second bitmap at 393216 (256 KB) and the input (4-byte steps, padded with 16 spaces)
;; at $input. The module also finds the encoded runs (encodedRuns).
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
