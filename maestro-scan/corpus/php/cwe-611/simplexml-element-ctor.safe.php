<?php
$raw = $_POST['xml'] ?? '<config/>';
// LIBXML_NOENT stays off: entities in uploaded XML must not be expanded
$config = new SimpleXMLElement($raw, LIBXML_NONET);
$settings = [];
foreach ($config->setting as $setting) {
    $settings[(string) $setting['name']] = (string) $setting;
}
echo json_encode($settings);
