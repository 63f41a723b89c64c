-- Where each excerpt is in its source's text (code points from 0, end exclusive), for the rows
-- stored before 0011; new writes compute it in src/bundle/writer.ts the same way (instr).
UPDATE `citations` SET
  `start_offset` = (SELECT nullif(instr(s.`text`, `citations`.`excerpt`), 0) - 1 FROM `sources` s WHERE s.`id` = `citations`.`source_id`),
  `end_offset` = (SELECT nullif(instr(s.`text`, `citations`.`excerpt`), 0) - 1 + length(`citations`.`excerpt`) FROM `sources` s WHERE s.`id` = `citations`.`source_id`);
