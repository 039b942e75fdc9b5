<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class PreferenceImportController extends Controller
{
    public function store(Request $request)
    {
        $blob = $request->input('preferences');
        $prefs = json_decode(base64_decode($blob), true, 4, JSON_THROW_ON_ERROR);
        $request->user()->update(['theme' => $prefs['theme'] ?? 'light']);
        return back();
    }
}
