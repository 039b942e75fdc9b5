<?php
$page = $_GET['page'] ?? 'home';
$pages = ['home', 'about', 'pricing', 'contact'];
if (!in_array($page, $pages, true)) {
    $page = 'home';
}
include __DIR__ . '/pages/' . $page . '.php';
