<?php
function format_csv(array $rows): string { return implode("\n", array_map(fn ($r) => implode(',', $r), $rows)); }
function format_json(array $rows): string { return json_encode($rows); }

$formatter = ($_SERVER['HTTP_X_FORMATTER'] ?? '') === 'csv' ? 'format_csv' : 'format_json';
$rows = [['id' => 1, 'name' => 'alpha'], ['id' => 2, 'name' => 'beta']];
echo $formatter($rows);
