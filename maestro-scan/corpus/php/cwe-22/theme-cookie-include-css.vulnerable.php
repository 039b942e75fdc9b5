<?php
$theme = $_COOKIE['theme'] ?? 'light';
$css = file_get_contents(__DIR__ . "/themes/{$theme}/style.css");
header('Content-Type: text/css');
echo $css;
