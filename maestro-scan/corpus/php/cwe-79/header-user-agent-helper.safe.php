<?php
function render_row(string $label, string $value): string
{
    $value = htmlspecialchars($value, ENT_QUOTES);
    return "<tr><th>{$label}</th><td>{$value}</td></tr>";
}

echo '<table>';
echo render_row('IP', $_SERVER['REMOTE_ADDR']);
echo render_row('User agent', $_SERVER['HTTP_USER_AGENT'] ?? '');
echo '</table>';
